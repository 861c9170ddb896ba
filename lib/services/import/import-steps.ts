import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { greatest } from "@/db/dialect";
import { firstRow, onlyRow } from "@/db/rows";
import {
  autoresponders,
  domains,
  forwards,
  mailAccountAddresses,
  mailAliases,
  mailAliasTargets,
  mailboxes,
  spamSettings,
} from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { addressOwner } from "@/lib/services/aliases/alias-scope";
import { findAutoresponder } from "@/lib/services/autoresponder/autoresponder";
import { dropAliasTargets } from "@/lib/services/aliases/save-alias";
import { forgetMailUsers } from "@/lib/mail/mail-home-removals";
import { writePasswordHash } from "@/lib/services/passwords/set-password";
import { AUTORESPONDER_BODY_MAX, AUTORESPONDER_SUBJECT_MAX } from "@/lib/validation/autoresponder";
import type { ImportTarget, PlannedAlias, PlannedDomain, PlannedForward, PlannedMailbox } from "./plan-import";
import type { PlannedAccountAddress, PlannedMailAccount } from "./plan-accounts";
import type { PlannedSetting } from "./plan-settings";
import { type AccountUndo, applyAccountAddress, applyAccountReply, applyMailAccount, undoAccount } from "./account-steps";
import { applyCatchAll, type CatchAllUndo, type PlannedCatchAll, undoCatchAll } from "./catch-all-lines";
import { applySenders, applySpam, type SettingUndo, undoSetting } from "./settings-steps";

/** A mailbox line as a job keeps it: the password already hashed (null keeps the current one). */
export type StagedMailbox = Omit<PlannedMailbox, "password"> & { hash: string | null };
/** A mail account line, the same way. */
export type StagedMailAccount = Omit<PlannedMailAccount, "password"> & { hash: string | null };
/** An out-of-office text brought along (PostfixAdmin's vacation), for a mailbox of the same import. */
export type StagedVacation = {
  line: number;
  kind: "vacation";
  email: string;
  subject: string;
  body: string;
  active: boolean;
  startsOn: string | null;
  endsOn: string | null;
  intervalDays: number;
};
export type StagedAction =
  | PlannedDomain
  | StagedMailbox
  | PlannedAlias
  | PlannedForward
  | StagedVacation
  | PlannedSetting
  | StagedMailAccount
  | PlannedAccountAddress
  | PlannedCatchAll;

type VacationRow = Omit<StagedVacation, "line" | "kind" | "email" | "active"> & { enabled: boolean };

/** What undoing one applied line needs: the rows it created, or the values it replaced. */
export type StepUndo =
  | { kind: "domain"; id: number }
  | { kind: "mailboxCreate"; id: number; domainId: number; address: string }
  | { kind: "mailboxChange"; id: number; quotaMb: number | null; enabled: boolean; passwordHash: string | null }
  | { kind: "alias"; id: number; address: string }
  | { kind: "forward"; mailboxId: number; before: string[] }
  | { kind: "vacation"; mailboxId: number; before: VacationRow | null }
  | SettingUndo
  | AccountUndo
  | CatchAllUndo
  | null;

/** A line that the database no longer allows (written meanwhile by someone else): the job fails and is undone. */
export class ImportConflict extends ValidationError {
  constructor(
    readonly line: number,
    code: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(`import.problems.${code}`);
  }
}

/**
 * What the mail system's files need after the batch's transaction (files are I/O): a mailbox's or an
 * account's Sieve script written or removed, and the home of a login the undo took back moved away.
 */
export type SieveEffect = { sync?: number; remove?: string; account?: { id: number; login: string }; home?: string };

const tenantOf = (t: Pick<ImportTarget, "resellerId" | "customerId">) => ({ resellerId: t.resellerId, customerId: t.customerId });

async function domainIdOf(tx: Db, name: string, line: number) {
  const row = await firstRow(tx.select({ id: domains.id }).from(domains).where(eq(domains.name, name)));
  if (!row) throw new ImportConflict(line, "unknownDomain");
  return row.id;
}

async function ownMailbox(tx: Db, target: ImportTarget, address: string, line: number) {
  const row = await firstRow(
    tx
      .select({ id: mailboxes.id, quotaMb: mailboxes.quotaMb, enabled: mailboxes.enabled, passwordHash: mailboxes.passwordHash })
      .from(mailboxes)
      .where(and(eq(mailboxes.address, address), eq(mailboxes.customerId, target.customerId))),
  );
  if (!row) throw new ImportConflict(line, "forwardNoMailbox");
  return row;
}

/** A mailbox line: created with its spam settings and counted on its domain, or an existing one changed. */
async function applyMailbox(tx: Db, target: ImportTarget, a: StagedMailbox): Promise<{ undo: StepUndo }> {
  const tenant = tenantOf(target);
  if (a.op === "create") {
    if (!a.hash || (await addressOwner(tx, a.address))) throw new ImportConflict(a.line, "addressTaken");
    const domainId = await domainIdOf(tx, a.domain, a.line);
    const row = await onlyRow(
      tx
        .insert(mailboxes)
        .values({
          ...tenant,
          domainId,
          localPart: a.localPart,
          address: a.address,
          passwordHash: a.hash,
          quotaMb: a.quotaMb ?? null,
          enabled: a.enabled ?? true,
          passwordChangedAt: new Date(),
        })
        .returning({ id: mailboxes.id }),
    );
    await tx.insert(spamSettings).values({ mailboxId: row.id, ...tenant });
    await tx
      .update(domains)
      .set({ mailboxCount: sql`${domains.mailboxCount} + 1` })
      .where(eq(domains.id, domainId));
    return { undo: { kind: "mailboxCreate", id: row.id, domainId, address: a.address } };
  }
  const before = await ownMailbox(tx, target, a.address, a.line);
  const change: { quotaMb?: number | null; enabled?: boolean; updatedAt: Date } = { updatedAt: new Date() };
  if (a.quotaMb !== undefined) change.quotaMb = a.quotaMb;
  if (a.enabled !== undefined) change.enabled = a.enabled;
  await tx.update(mailboxes).set(change).where(eq(mailboxes.id, before.id));
  if (a.hash) await writePasswordHash(tx, { kind: "mailbox", id: before.id }, a.hash, { endSessions: true });
  return {
    undo: {
      kind: "mailboxChange",
      id: before.id,
      quotaMb: before.quotaMb,
      enabled: before.enabled,
      passwordHash: a.hash ? before.passwordHash : null,
    },
  };
}

/**
 * Writes one staged line inside its batch's transaction and answers how to undo it. Each line checks
 * again what the dry run checked against the database, since other requests write between batches.
 */
export async function applyStep(tx: Db, target: ImportTarget, a: StagedAction): Promise<{ undo: StepUndo; sieve?: SieveEffect }> {
  const tenant = tenantOf(target);
  // Mailbox lines have their own function (and `case` on that word is how role tables would look).
  if (a.kind === "mailbox") return await applyMailbox(tx, target, a);
  switch (a.kind) {
    case "domain": {
      if (a.op === "unchanged") return { undo: null };
      if (await firstRow(tx.select({ id: domains.id }).from(domains).where(eq(domains.name, a.name))))
        throw new ImportConflict(a.line, "domainTaken");
      const row = await onlyRow(
        tx
          .insert(domains)
          .values({ ...tenant, subscriptionId: target.subscriptionId, name: a.name })
          .returning({ id: domains.id }),
      );
      return { undo: { kind: "domain", id: row.id } };
    }
    case "alias": {
      if (await addressOwner(tx, a.address)) throw new ImportConflict(a.line, "addressTaken");
      const domainId = await domainIdOf(tx, a.domain, a.line);
      const row = await onlyRow(
        tx
          .insert(mailAliases)
          .values({ ...tenant, domainId, localPart: a.localPart, address: a.address })
          .returning({ id: mailAliases.id }),
      );
      await tx.insert(mailAliasTargets).values(a.targets.map((t) => ({ ...tenant, aliasId: row.id, target: t })));
      return { undo: { kind: "alias", id: row.id, address: a.address } };
    }
    case "forward": {
      const box = await ownMailbox(tx, target, a.address, a.line);
      const before = (await tx.select({ target: forwards.target }).from(forwards).where(eq(forwards.mailboxId, box.id))).map(
        (f) => f.target,
      );
      await tx.delete(forwards).where(eq(forwards.mailboxId, box.id));
      await tx.insert(forwards).values(a.targets.map((t) => ({ ...tenant, mailboxId: box.id, target: t })));
      return { undo: { kind: "forward", mailboxId: box.id, before }, sieve: { sync: box.id } };
    }
    case "spam": {
      const box = await ownMailbox(tx, target, a.address, a.line);
      return { undo: await applySpam(tx, tenant, box.id, a), sieve: { sync: box.id } };
    }
    case "blocklist":
    case "allowlist": {
      const box = await ownMailbox(tx, target, a.address, a.line);
      const done = await applySenders(tx, tenant, box.id, a);
      if (!("kind" in done)) throw new ImportConflict(a.line, done.code, done.params);
      return { undo: done, sieve: { sync: box.id } };
    }
    case "autoresponder": {
      if (a.account !== undefined) {
        const done = await applyAccountReply(tx, target, a);
        if ("code" in done) throw new ImportConflict(a.line, done.code, done.params);
        return { undo: done, sieve: { account: { id: done.id, login: done.login } } };
      }
      // The same write as a PostfixAdmin vacation text, with the export's values as they are.
      const { address, enabled, op: _op, account: _account, ...text } = a;
      return await applyStep(tx, target, { ...text, kind: "vacation", email: address, active: enabled });
    }
    case "catchAll": {
      const done = await applyCatchAll(tx, target, a);
      if ("code" in done) throw new ImportConflict(a.line, done.code, done.params);
      return { undo: done };
    }
    case "mailAccount":
    case "accountAddress": {
      const done = a.kind === "mailAccount" ? await applyMailAccount(tx, target, a) : await applyAccountAddress(tx, target, a);
      if ("code" in done) throw new ImportConflict(a.line, done.code, done.params);
      return { undo: done };
    }
    case "vacation": {
      const box = await ownMailbox(tx, target, a.email.toLowerCase(), a.line);
      const before = await findAutoresponder(tx, box.id);
      const row = {
        enabled: a.active,
        subject: a.subject.slice(0, AUTORESPONDER_SUBJECT_MAX),
        body: a.body.slice(0, AUTORESPONDER_BODY_MAX),
        startsOn: a.startsOn,
        endsOn: a.endsOn,
        intervalDays: a.intervalDays,
      };
      await writeVacation(tx, target, box.id, row);
      return { undo: { kind: "vacation", mailboxId: box.id, before: before ?? null }, sieve: { sync: box.id } };
    }
  }
}

async function writeVacation(tx: Db, target: Pick<ImportTarget, "resellerId" | "customerId">, mailboxId: number, row: VacationRow) {
  await tx
    .insert(autoresponders)
    .values({ mailboxId, ...tenantOf(target), ...row })
    .onConflictDoUpdate({ target: autoresponders.mailboxId, set: row });
}

/** Whether anything lives on a domain: a mailbox, an alias or an address routed to a mail account. */
async function domainInUse(tx: Db, domainId: number): Promise<boolean> {
  const box = await firstRow(tx.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.domainId, domainId)).limit(1));
  const alias =
    box ?? (await firstRow(tx.select({ id: mailAliases.id }).from(mailAliases).where(eq(mailAliases.domainId, domainId)).limit(1)));
  const routed =
    alias ??
    (await firstRow(
      tx.select({ id: mailAccountAddresses.id }).from(mailAccountAddresses).where(eq(mailAccountAddresses.domainId, domainId)).limit(1),
    ));
  return routed !== undefined;
}

/** Takes one applied line back, inside the undo batch's transaction (lines go back last to first). */
export async function undoStep(
  tx: Db,
  target: Pick<ImportTarget, "resellerId" | "customerId">,
  undo: StepUndo,
): Promise<SieveEffect | undefined> {
  if (!undo) return undefined;
  switch (undo.kind) {
    case "domain":
      // Its mailboxes and aliases from this import were undone before (later lines go back first); what
      // is still in it was made by someone else meanwhile, and deleting the domain would take that along.
      if (!(await domainInUse(tx, undo.id))) await tx.delete(domains).where(eq(domains.id, undo.id));
      return undefined;
    case "mailboxCreate": {
      const gone = await firstRow(tx.select({ home: mailboxes.home }).from(mailboxes).where(eq(mailboxes.id, undo.id)));
      await tx.delete(mailboxes).where(eq(mailboxes.id, undo.id));
      await dropAliasTargets(tx, target.customerId, [undo.address]);
      await tx
        .update(domains)
        .set({ mailboxCount: greatest(sql`${domains.mailboxCount} - 1`, 0) })
        .where(eq(domains.id, undo.domainId));
      // Mail may have arrived between the batches: its home goes as a deleted mailbox's does.
      await forgetMailUsers(tx, [{ login: undo.address, home: gone?.home ?? "" }]);
      return { remove: undo.address, home: gone?.home };
    }
    case "mailboxChange":
      await tx
        .update(mailboxes)
        .set({ quotaMb: undo.quotaMb, enabled: undo.enabled, updatedAt: new Date() })
        .where(eq(mailboxes.id, undo.id));
      if (undo.passwordHash) await writePasswordHash(tx, { kind: "mailbox", id: undo.id }, undo.passwordHash, { endSessions: true });
      return undefined;
    case "alias":
      await tx.delete(mailAliases).where(eq(mailAliases.id, undo.id));
      await dropAliasTargets(tx, target.customerId, [undo.address]);
      return undefined;
    case "forward":
      await tx.delete(forwards).where(eq(forwards.mailboxId, undo.mailboxId));
      if (undo.before.length)
        await tx.insert(forwards).values(undo.before.map((t) => ({ ...tenantOf(target), mailboxId: undo.mailboxId, target: t })));
      return { sync: undo.mailboxId };
    case "accountCreate": {
      const gone = await undoAccount(tx, target, undo);
      return gone && { remove: gone.login, home: gone.home };
    }
    case "accountChange":
    case "accountAddress":
      await undoAccount(tx, target, undo);
      return undefined;
    case "accountReply":
      await undoAccount(tx, target, undo);
      return { account: { id: undo.id, login: undo.login } };
    case "catchAll":
      await undoCatchAll(tx, undo);
      return undefined;
    case "spam":
    case "senders":
      await undoSetting(tx, target, undo);
      return { sync: undo.mailboxId };
    case "vacation":
      if (undo.before) await writeVacation(tx, target, undo.mailboxId, undo.before);
      else await tx.delete(autoresponders).where(eq(autoresponders.mailboxId, undo.mailboxId));
      return { sync: undo.mailboxId };
  }
}
