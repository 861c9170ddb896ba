import "server-only";
import { eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { autoresponders, domains, forwards, mailAliases, mailAliasTargets, mailboxes, spamSettings } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { ValidationError } from "@/lib/errors";
import { syncMailboxSieveSafely } from "@/lib/mail/sieve/sync";
import { generatePassword } from "@/lib/password/generate";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { writePasswordHash } from "@/lib/services/passwords/set-password";
import { AUTORESPONDER_BODY_MAX, AUTORESPONDER_SUBJECT_MAX } from "@/lib/validation/autoresponder";
import { type ImportPlan, loadImportTarget, type PlannedAction, type PlannedMailbox, planImport } from "./plan-import";
import type { ImportProblem } from "./problems";
import type { CsvRow } from "./read-csv";
import { transaction } from "@/db/transaction";
import { firstRow, onlyRow } from "@/db/rows";

/** What the browser may see of a planned line: never a password or hash, only where it comes from. */
export type PreviewRow = {
  line: number;
  kind: PlannedAction["kind"];
  op: "create" | "change" | "unchanged";
  name: string;
  /** i18n key of the password's source (mailboxes), e.g. `import.password.hash`. */
  password?: string;
  scheme?: string;
  quotaMb?: number | null;
  enabled?: boolean;
  targets?: string[];
};

export type WeakHash = { line: number; address: string; scheme: string };

export type ImportReport = {
  rows: PreviewRow[];
  /** Lines beyond the preview's length are counted, not listed. */
  rowCount: number;
  counts: Record<"create" | "change" | "unchanged", number>;
  problems: ImportProblem[];
  problemCount: number;
  weakHashes: WeakHash[];
};

export const PREVIEW_ROWS = 500;

function passwordSource(m: PlannedMailbox): Pick<PreviewRow, "password" | "scheme"> {
  switch (m.password.kind) {
    case "keep":
      return { password: "import.passwordSource.keep" };
    case "generate":
      return { password: "import.passwordSource.generate" };
    case "plaintext":
      return { password: m.password.fromScheme ? "import.passwordSource.plainScheme" : "import.passwordSource.plaintext" };
    case "hash":
      return { password: "import.passwordSource.hash", scheme: m.password.scheme };
  }
}

/** The report the dry run shows; the same for apply's answer. */
export function reportOf(plan: ImportPlan, fileProblems: ImportProblem[] = []): ImportReport {
  const counts = { create: 0, change: 0, unchanged: 0 };
  const weakHashes: WeakHash[] = [];
  const rows: PreviewRow[] = [];
  for (const a of plan.actions) {
    counts[a.op]++;
    if (a.kind === "mailbox" && a.password.kind === "hash" && a.password.weak)
      weakHashes.push({ line: a.line, address: a.address, scheme: a.password.scheme });
    if (a.kind === "mailbox" && a.password.kind === "plaintext" && a.password.fromScheme)
      weakHashes.push({ line: a.line, address: a.address, scheme: "PLAIN" });
    if (rows.length >= PREVIEW_ROWS) continue;
    const base = { line: a.line, kind: a.kind, op: a.op };
    if (a.kind === "domain") rows.push({ ...base, name: a.name });
    else if (a.kind === "mailbox") rows.push({ ...base, name: a.address, ...passwordSource(a), quotaMb: a.quotaMb, enabled: a.enabled });
    else rows.push({ ...base, name: a.address, targets: a.targets });
  }
  const problems = [...fileProblems, ...plan.problems].sort((x, y) => x.line - y.line);
  return {
    rows,
    rowCount: plan.actions.length,
    counts,
    problems,
    problemCount: fileProblems.length + plan.problemCount,
    weakHashes,
  };
}

/** Permission and tenant scope of an import target (NotFoundError for a foreign one). */
export async function checkImportTarget(actor: Actor, subscriptionId: number, db: Db = getDb()) {
  assertCan(actor, "import.manage");
  await loadImportTarget(db, actor, subscriptionId);
}

/** The dry run: the report, nothing written. */
export async function dryRunImport(actor: Actor, subscriptionId: number, rows: CsvRow[], fileProblems: ImportProblem[], db: Db = getDb()) {
  assertCan(actor, "import.manage");
  return reportOf(await planImport(db, actor, subscriptionId, rows), fileProblems);
}

export type GeneratedPassword = { address: string; password: string };

/** An out-of-office text brought along (PostfixAdmin's vacation table), for a mailbox of the import. */
export type ImportedVacation = {
  email: string;
  subject: string;
  body: string;
  active: boolean;
  startsOn: string | null;
  endsOn: string | null;
  intervalDays: number;
};

/**
 * Applies an import in one transaction after planning it again inside it: any problem (in the file,
 * or one that appeared since the dry run) throws before the first write, so a failed import leaves
 * nothing behind. argon2 hashes of plaintext and generated passwords are made before the
 * transaction (they are slow and async); generated passwords are returned once and never stored.
 */
export async function applyImport(
  actor: Actor,
  subscriptionId: number,
  rows: CsvRow[],
  fileProblems: ImportProblem[],
  ctx: { ip?: string | null; source?: string; vacations?: ImportedVacation[] },
  db: Db = getDb(),
): Promise<{ report: ImportReport; generated: GeneratedPassword[]; vacations: number }> {
  assertCan(actor, "import.manage");
  const first = await planImport(db, actor, subscriptionId, rows);
  const firstReport = reportOf(first, fileProblems);
  if (firstReport.problemCount) throw new ImportRefused(firstReport);

  const generated: GeneratedPassword[] = [];
  const hashes = new Map<number, string>();
  for (const a of first.actions) {
    if (a.kind !== "mailbox") continue;
    if (a.password.kind === "generate") {
      const password = generatePassword();
      generated.push({ address: a.address, password });
      hashes.set(a.line, await hashPassword(password));
    } else if (a.password.kind === "plaintext") hashes.set(a.line, await hashPassword(a.password.password));
    else if (a.password.kind === "hash") hashes.set(a.line, a.password.stored);
  }

  const forwarded: number[] = [];
  let vacationCount = 0;
  const report = await transaction(
    db,
    async (tx) => {
      const plan = await planImport(tx, actor, subscriptionId, rows);
      const again = reportOf(plan, fileProblems);
      if (again.problemCount) throw new ImportRefused(again);
      const tenant = { resellerId: plan.target.resellerId, customerId: plan.target.customerId };
      const domainIds = new Map<string, number>();
      const domainId = async (name: string) => {
        let id = domainIds.get(name);
        if (id === undefined) {
          id = (await firstRow(tx.select({ id: domains.id }).from(domains).where(eq(domains.name, name))))?.id ?? -1;
          domainIds.set(name, id);
        }
        return id;
      };
      const mailboxIds = new Map<string, number>();
      for (const a of plan.actions) {
        if (a.kind === "domain") {
          if (a.op === "create") {
            const row = await onlyRow(
              tx
                .insert(domains)
                .values({ ...tenant, subscriptionId: plan.target.subscriptionId, name: a.name })
                .returning({ id: domains.id }),
            );
            domainIds.set(a.name, row.id);
          }
        } else if (a.kind === "mailbox") {
          const hash = hashes.get(a.line);
          if (a.op === "create" && hash) {
            const id = (
              await onlyRow(
                tx
                  .insert(mailboxes)
                  .values({
                    ...tenant,
                    domainId: await domainId(a.domain),
                    localPart: a.localPart,
                    address: a.address,
                    passwordHash: hash,
                    quotaMb: a.quotaMb ?? null,
                    enabled: a.enabled ?? true,
                    passwordChangedAt: new Date(),
                  })
                  .returning({ id: mailboxes.id }),
              )
            ).id;
            await tx.insert(spamSettings).values({ mailboxId: id, ...tenant });
            await tx
              .update(domains)
              .set({ mailboxCount: sql`${domains.mailboxCount} + 1` })
              .where(eq(domains.id, await domainId(a.domain)));
            mailboxIds.set(a.address, id);
          } else if (a.mailboxId !== null) {
            const change: { quotaMb?: number | null; enabled?: boolean; updatedAt: Date } = { updatedAt: new Date() };
            if (a.quotaMb !== undefined) change.quotaMb = a.quotaMb;
            if (a.enabled !== undefined) change.enabled = a.enabled;
            await tx.update(mailboxes).set(change).where(eq(mailboxes.id, a.mailboxId));
            if (hash) await writePasswordHash(tx, { kind: "mailbox", id: a.mailboxId }, hash, { endSessions: true });
            mailboxIds.set(a.address, a.mailboxId);
          }
        } else if (a.kind === "alias") {
          const aliasId = (
            await onlyRow(
              tx
                .insert(mailAliases)
                .values({ ...tenant, domainId: await domainId(a.domain), localPart: a.localPart, address: a.address })
                .returning({ id: mailAliases.id }),
            )
          ).id;
          await tx.insert(mailAliasTargets).values(a.targets.map((target) => ({ ...tenant, aliasId, target })));
        } else {
          const id =
            mailboxIds.get(a.address) ??
            (await firstRow(tx.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.address, a.address))))?.id;
          if (id === undefined) throw new ValidationError("import.problems.forwardNoMailbox");
          await tx.delete(forwards).where(eq(forwards.mailboxId, id));
          await tx.insert(forwards).values(a.targets.map((target) => ({ ...tenant, mailboxId: id, target })));
          forwarded.push(id);
        }
      }
      for (const v of ctx.vacations ?? []) {
        const id = mailboxIds.get(v.email.toLowerCase());
        if (id === undefined) continue; // only mailboxes of this import
        const row = {
          ...tenant,
          enabled: v.active,
          subject: v.subject.slice(0, AUTORESPONDER_SUBJECT_MAX),
          body: v.body.slice(0, AUTORESPONDER_BODY_MAX),
          startsOn: v.startsOn,
          endsOn: v.endsOn,
          intervalDays: v.intervalDays,
        };
        await tx
          .insert(autoresponders)
          .values({ mailboxId: id, ...row })
          .onConflictDoUpdate({ target: autoresponders.mailboxId, set: row });
        forwarded.push(id);
        vacationCount++;
      }
      await writeAudit(tx, actor, {
        action: "import.apply",
        targetKind: "subscription",
        targetId: plan.target.subscriptionId,
        ...tenant,
        ip: ctx.ip,
        details: {
          source: ctx.source ?? "csv",
          created: again.counts.create,
          changed: again.counts.change,
          weakHashes: again.weakHashes.length,
          vacations: vacationCount,
        },
      });
      return again;
    },
    { behavior: "immediate" },
  );
  // Forwarding and autoresponder live in the mailbox's generated Sieve script.
  for (const id of new Set(forwarded)) await syncMailboxSieveSafely(db, id);
  return { report, generated, vacations: vacationCount };
}

/** An apply refused for problems in the file: carries the report that lists them. */
export class ImportRefused extends ValidationError {
  constructor(readonly report: ImportReport) {
    super("import.refused");
  }
}
