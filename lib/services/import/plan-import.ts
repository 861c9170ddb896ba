import { firstRow } from "@/db/rows";
import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { prepareNamed } from "@/db/prepared";
import { domains, forwards, mailAccountAddresses, mailAliases, mailboxes, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";
import { MAX_ALIAS_TARGETS } from "@/lib/validation/alias";
import { localPartProblem } from "@/lib/validation/local-part";
import { MAX_TARGETS_PER_MAILBOX, splitTargets } from "@/lib/validation/mailbox";
import { canonicalAddress, canonicalDomain } from "@/lib/validation/names";
import { aliasLoops } from "./alias-loops";
import { PlanKeys } from "./plan-keys";
import {
  type AccountState,
  type AccountTarget,
  accountNumber,
  accountTarget,
  ACCOUNT_TYPES,
  isKnownAccount,
  type PlannedAccountLine,
  planAccountAddress,
  planAccountAutoresponder,
  planMailAccount,
} from "./plan-accounts";
import { CATCH_ALL_TYPE, type CatchAllContext, type PlannedCatchAll, planCatchAll } from "./catch-all-lines";
import { type LoginFields, readFlag, readLoginFields } from "./plan-fields";
import { type PlannedSetting, planSetting, type SettingProblem, SETTING_TYPES, type SettingType } from "./plan-settings";
import { type ImportProblem, MAX_REPORTED_PROBLEMS } from "./problems";
import { eachLine, type ImportLines } from "./import-file";

type Reader = Pick<Db, "select">;

export type PlannedDomain = { line: number; kind: "domain"; op: "create" | "unchanged"; name: string };
export type PlannedMailbox = {
  line: number;
  kind: "mailbox";
  op: "create" | "change";
  address: string;
  localPart: string;
  domain: string;
  mailboxId: number | null;
} & LoginFields;
export type PlannedAlias = {
  line: number;
  kind: "alias";
  op: "create";
  address: string;
  localPart: string;
  domain: string;
  targets: string[];
};
export type PlannedForward = { line: number; kind: "forward"; op: "create" | "change"; address: string; targets: string[] };
export type PlannedAction =
  PlannedDomain | PlannedMailbox | PlannedAlias | PlannedForward | PlannedSetting | PlannedAccountLine | PlannedCatchAll;

export type ImportTarget = {
  subscriptionId: number;
  resellerId: number;
  customerId: number;
  limits: {
    maxDomains: number | null;
    maxMailboxes: number | null;
    mailboxQuotaMb: number | null;
    maxAliases: number | null;
    maxForwards: number | null;
  };
  forwarding: boolean;
  /** A package without panel: its addresses go to the customer's mail accounts (lib/services/import/plan-accounts.ts). */
  accounts: AccountTarget | null;
};

export type ImportPlan = { target: ImportTarget; actions: PlannedAction[]; problems: ImportProblem[]; problemCount: number };

const emailShape = z.email();
const TYPES = new Set<string>(["domain", "mailbox", "alias", "forward", ...SETTING_TYPES, ...ACCOUNT_TYPES, CATCH_ALL_TYPE]);

/** The subscription an import writes into, within the actor's tenant scope (a foreign one is 404). */
export async function loadImportTarget(db: Reader, actor: Actor, subscriptionId: number): Promise<ImportTarget> {
  const row = await firstRow(
    db
      .select({
        subscriptionId: subscriptions.id,
        resellerId: subscriptions.resellerId,
        customerId: subscriptions.customerId,
        maxDomains: packages.maxDomains,
        maxMailboxes: packages.maxMailboxes,
        mailboxQuotaMb: packages.mailboxQuotaMb,
        maxAliases: packages.maxAliases,
        maxForwards: packages.maxForwards,
        forwarding: packages.forwardingEnabled,
        panel: packages.panel,
      })
      .from(subscriptions)
      .innerJoin(packages, eq(subscriptions.packageId, packages.id))
      .where(and(eq(subscriptions.id, subscriptionId), tenantScope(actor, subscriptions))),
  );
  if (!row) throw new NotFoundError();
  const { maxDomains, maxMailboxes, mailboxQuotaMb, maxAliases, maxForwards, forwarding, panel, ...ids } = row;
  // Packages without panel keep their addresses in mail accounts, whose limits are the customer's.
  const accounts = panel === "none" ? await accountTarget(db, ids.customerId) : null;
  return { ...ids, forwarding, accounts, limits: { maxDomains, maxMailboxes, mailboxQuotaMb, maxAliases, maxForwards } };
}

/** What the subscription holds now, for the package limits (the dry run, and each batch of a job). */
export async function countIn(db: Reader, target: Pick<ImportTarget, "subscriptionId">) {
  const n = (q: { n: number } | undefined) => q?.n ?? 0;
  const sub = eq(domains.subscriptionId, target.subscriptionId);
  return {
    domains: n(await firstRow(db.select({ n: count() }).from(domains).where(sub))),
    // The trigger-kept counter (migration 0007): a join over 100,000 mailboxes after every batch of a job would not be.
    mailboxes: n(
      await firstRow(db.select({ n: subscriptions.mailboxCount }).from(subscriptions).where(eq(subscriptions.id, target.subscriptionId))),
    ),
    aliases: n(
      await firstRow(db.select({ n: count() }).from(mailAliases).innerJoin(domains, eq(mailAliases.domainId, domains.id)).where(sub)),
    ),
    forwards: n(
      await firstRow(
        db
          .select({ n: count() })
          .from(forwards)
          .innerJoin(mailboxes, eq(forwards.mailboxId, mailboxes.id))
          .innerJoin(domains, eq(mailboxes.domainId, domains.id))
          .where(sub),
      ),
    ),
  };
}

/**
 * alias-scope's addressOwner (mailbox, routed address, alias: the same order and answer) with its
 * three lookups compiled once per plan: building the query anew for each of 100,000 lines was most
 * of a large dry run's time.
 */
function preparedAddressOwner(db: Reader) {
  const lookup = <T extends typeof mailboxes | typeof mailAccountAddresses | typeof mailAliases>(table: T) =>
    prepareNamed(
      db
        .select({ id: table.id, customerId: table.customerId })
        .from(table)
        .where(eq(table.address, sql.placeholder("address"))),
    );
  const box = lookup(mailboxes);
  const routed = lookup(mailAccountAddresses);
  const alias = lookup(mailAliases);
  return async (address: string): Promise<{ kind: "mailbox" | "routed" | "alias"; id: number; customerId: number } | null> => {
    const m = await firstRow(box.execute({ address }));
    if (m) return { kind: "mailbox", ...m };
    const r = await firstRow(routed.execute({ address }));
    if (r) return { kind: "routed", ...r };
    const a = await firstRow(alias.execute({ address }));
    return a ? { kind: "alias", ...a } : null;
  };
}

function readTargets(raw: string, own: string, max: number): string[] | string {
  const targets = new Set<string>();
  for (const entry of splitTargets(raw.replace(/\s+/g, ","))) {
    const address = canonicalAddress(entry);
    if (!address || !emailShape.safeParse(address).success) return "targetInvalid";
    if (address === own) return "targetSelf";
    targets.add(address);
  }
  if (!targets.size) return "targetsMissing";
  if (targets.size > max) return "tooManyTargets";
  return [...targets];
}

/** What a plan finds besides its actions: the problems (the first MAX_REPORTED_PROBLEMS of them) and the lines of alias loops. */
export type PlanTally = { problems: ImportProblem[]; problemCount: number; looping: Set<number> };

export const emptyTally = (): PlanTally => ({ problems: [], problemCount: 0, looping: new Set() });

/**
 * The dry run, collected: every line checked against the database and the lines before it, nothing
 * written, the actions in an array (small files and tests; large ones go through planActions).
 */
export async function planImport(db: Reader, actor: Actor, subscriptionId: number, lines: ImportLines): Promise<ImportPlan> {
  const target = await loadImportTarget(db, actor, subscriptionId);
  const tally = emptyTally();
  const actions: PlannedAction[] = [];
  for await (const a of planActions(db, target, lines, tally)) actions.push(a);
  return { target, actions: actions.filter((a) => !tally.looping.has(a.line)), problems: tally.problems, problemCount: tally.problemCount };
}

/**
 * Plans an import line by line, yielding each line's action as it is checked: the file is walked once
 * for the addresses it declares, once for the lines, and nothing of a line is kept but what later lines
 * are checked against (keys of addresses and domains, counts, alias targets for the loop check). The
 * same walk runs again for apply, so what is written is exactly what the preview showed, and a line
 * that has become wrong meanwhile stops the whole import. `tally` is complete when the walk ends; an
 * alias of a loop has been yielded by then, and its line is in `tally.looping`.
 */
export async function* planActions(db: Reader, target: ImportTarget, lines: ImportLines, tally: PlanTally): AsyncGenerator<PlannedAction> {
  // What later lines are checked against grows with the file: it lives on disk (plan-keys.ts), not in the heap.
  const keys = PlanKeys.open();
  try {
    yield* walk(db, target, lines, tally, keys);
  } finally {
    keys.close();
  }
}

async function* walk(
  db: Reader,
  target: ImportTarget,
  lines: ImportLines,
  tally: PlanTally,
  keys: PlanKeys,
): AsyncGenerator<PlannedAction> {
  const policy = await getPasswordPolicyOptions(db as Db);
  const used = await countIn(db, target);
  const problem = (line: number, code: string, params?: Record<string, string | number>) => {
    tally.problemCount++;
    if (tally.problems.length < MAX_REPORTED_PROBLEMS) tally.problems.push({ line, code: `import.problems.${code}`, params });
  };
  // Bounded by the file's domains, not its lines: these stay in the heap.
  const fileDomains = new Set<string>();
  const domainOwner = new Map<string, { subscriptionId: number; customerId: number } | null>();
  const ownerOf = async (name: string) => {
    if (!domainOwner.has(name)) {
      const d = await firstRow(
        db.select({ subscriptionId: domains.subscriptionId, customerId: domains.customerId }).from(domains).where(eq(domains.name, name)),
      );
      domainOwner.set(name, d ?? null);
    }
    return domainOwner.get(name) ?? null;
  };
  const addressOwner = preparedAddressOwner(db);
  // Every address a mailbox or alias line of the file declares, so that an alias may name one from a
  // later line (a line that turns out wrong is reported itself, and then nothing is applied).
  for await (const r of eachLine(lines)) {
    const kind = r.cells.type.toLowerCase();
    if (kind === "mailbox" || kind === "alias") keys.declare(canonicalAddress(r.cells.address), kind);
  }
  // An alias target outside the customer: another customer's domain or address (the file's own count as in).
  const isForeignTarget = async (t: string) => {
    const d = t.slice(t.lastIndexOf("@") + 1);
    if (fileDomains.has(d)) return !keys.isDeclared(t);
    const owner = await ownerOf(d);
    if (!owner) return false;
    const o = await addressOwner(t);
    return owner.customerId !== target.customerId || (!keys.isDeclared(t) && o?.customerId !== target.customerId);
  };
  // A mailbox of this customer: declared by a line before, or already there (its owner, when looked up already).
  const isOwnMailbox = async (address: string, known?: Awaited<ReturnType<typeof addressOwner>>) => {
    if (keys.takenAs(address) === "mailbox") return true;
    const existing = known === undefined ? await addressOwner(address) : known;
    return existing?.kind === "mailbox" && existing.customerId === target.customerId;
  };
  const inTarget = async (name: string) => fileDomains.has(name) || (await ownerOf(name))?.subscriptionId === target.subscriptionId;
  const added = { domains: 0, mailboxes: 0, aliases: 0, forwards: 0 };
  const over = (max: number | null, n: number) => max !== null && n > max;
  const accounts = target.accounts && { ...target.accounts, customerId: target.customerId };
  const accountState: AccountState = { fileAccounts: new Set(), added: 0 };

  const catchAllContext: CatchAllContext = {
    domainProblem: async (domain) =>
      (await inTarget(domain)) ? null : { code: (await ownerOf(domain)) ? "domainNotInSubscription" : "unknownDomain", params: { domain } },
    isOwnMailbox: (address) => isOwnMailbox(address),
    accounts,
    isKnownAccount: (n) => isKnownAccount(db, target, accountState, n),
  };
  // A line's action, or its problems (the loop below yields what this answers).
  const take = (line: number, planned: PlannedAction | SettingProblem[]): PlannedAction | null => {
    if (!Array.isArray(planned)) return planned;
    for (const p of planned) problem(line, p.code, p.params);
    return null;
  };

  for await (const { line, cells } of eachLine(lines)) {
    const type = cells.type.toLowerCase();
    if (!TYPES.has(type)) {
      problem(line, "unknownType", { type: cells.type.slice(0, 40) });
      continue;
    }
    // An account is named by its login or its number (`k10001.002`, `.002`, `2`): the same account either way.
    const named =
      type === "mail_account" || (type === "autoresponder" && !cells.address.includes("@")) ? accountNumber(cells.address) : null;
    const key = `${type}:${named ?? cells.address.toLowerCase()}`;
    const first = keys.firstLine(key, line);
    if (first !== undefined) {
      problem(line, "duplicateLine", { first });
      continue;
    }
    // An autoresponder line names a mailbox by its address, a mail account by its login (no @).
    const accountReply = type === "autoresponder" && !cells.address.includes("@");
    const accountLine = (ACCOUNT_TYPES as readonly string[]).includes(type) || accountReply;
    if (type !== "domain" && type !== CATCH_ALL_TYPE && accountLine !== !!accounts) {
      problem(line, accountLine ? "accountsNeedNoPanel" : "mailboxesNeedPanel");
      continue;
    }
    if (type === CATCH_ALL_TYPE) {
      const planned = take(line, await planCatchAll({ line, cells }, catchAllContext));
      if (planned) yield planned;
      continue;
    }
    if (accounts && (type === "mail_account" || accountReply)) {
      const row = { line, cells };
      const planned = take(
        line,
        type === "mail_account"
          ? await planMailAccount(db, accounts, row, accountState, policy)
          : await planAccountAutoresponder(db, accounts, row, accountState),
      );
      if (planned) yield planned;
      continue;
    }

    if (type === "domain") {
      const name = canonicalDomain(cells.address);
      if (!name || !/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(name)) {
        problem(line, "domainInvalid", { value: cells.address.slice(0, 80) });
        continue;
      }
      const owner = await ownerOf(name);
      if (owner && owner.subscriptionId !== target.subscriptionId) {
        problem(line, "domainTaken", { domain: name });
        continue;
      }
      if (!owner && over(target.limits.maxDomains, used.domains + ++added.domains)) {
        problem(line, "domainLimit", { max: target.limits.maxDomains ?? 0 });
        continue;
      }
      if (!owner) fileDomains.add(name);
      yield { line, kind: "domain", op: owner ? "unchanged" : "create", name };
      continue;
    }

    const address = canonicalAddress(cells.address);
    const at = address.lastIndexOf("@");
    const localPart = address.slice(0, at);
    const domain = address.slice(at + 1);
    const localProblem = address ? localPartProblem(localPart) : "invalid";
    if (localProblem) {
      // "+" gets its own line in the report: the address is valid mail, just not one Kontor can create.
      const plus = localProblem === "panel.errors.localPartPlus";
      problem(line, plus ? "addressPlus" : "addressInvalid", { value: cells.address.slice(0, 80) });
      continue;
    }
    if (!(await inTarget(domain))) {
      problem(line, (await ownerOf(domain)) ? "domainNotInSubscription" : "unknownDomain", { domain });
      continue;
    }

    if (type === "account_address" && accounts) {
      if ((await addressOwner(address)) || keys.takenAs(address)) {
        problem(line, "addressTaken", { address });
        continue;
      }
      keys.take(address, "alias");
      const planned = take(line, await planAccountAddress(db, accounts, { line, cells }, { address, localPart, domain }, accountState));
      if (planned) yield planned;
      continue;
    }

    if (type === "mailbox") {
      const existing = await addressOwner(address);
      const taken = keys.takenAs(address) !== undefined;
      const own = existing?.kind === "mailbox" && existing.customerId === target.customerId && !taken;
      if ((existing && !own) || taken) {
        problem(line, "addressTaken", { address });
        continue;
      }
      const creating = !existing;
      const fields = readLoginFields(cells, creating, [address], policy, target.limits.mailboxQuotaMb);
      for (const p of fields.problems) problem(line, p.code, p.params);
      let bad = fields.problems.length > 0;
      if (creating && over(target.limits.maxMailboxes, used.mailboxes + ++added.mailboxes)) {
        problem(line, "mailboxLimit", { max: target.limits.maxMailboxes ?? 0 });
        bad = true;
      }
      keys.take(address, "mailbox");
      if (bad || !fields.ok) continue;
      yield {
        line,
        kind: "mailbox",
        op: creating ? "create" : "change",
        address,
        localPart,
        domain,
        mailboxId: own ? existing.id : null,
        ...fields.ok,
      };
      continue;
    }

    if (type === "alias") {
      if ((await addressOwner(address)) || keys.takenAs(address)) {
        problem(line, "addressTaken", { address });
        continue;
      }
      keys.take(address, "alias");
      const targets = readTargets(cells.targets, address, MAX_ALIAS_TARGETS);
      if (typeof targets === "string") {
        problem(line, targets);
        continue;
      }
      let foreign: string | undefined;
      for (const t of targets) {
        if (await isForeignTarget(t)) {
          foreign = t;
          break;
        }
      }
      if (foreign) {
        problem(line, "targetNotOwn", { target: foreign });
        continue;
      }
      if (over(target.limits.maxAliases, used.aliases + ++added.aliases)) {
        problem(line, "aliasLimit", { max: target.limits.maxAliases ?? 0 });
        continue;
      }
      // Only an alias that names another alias of the file can be on a loop.
      if (targets.some((t) => keys.isDeclaredAlias(t))) keys.addAlias({ line, address, targets });
      yield { line, kind: "alias", op: "create", address, localPart, domain, targets };
      continue;
    }

    // forward and the settings lines: a mailbox of this subscription (in the file or already there).
    if (type === "forward" && !target.forwarding) {
      problem(line, "forwardingUnavailable");
      continue;
    }
    const existing = await addressOwner(address);
    if (!(await isOwnMailbox(address, existing))) {
      problem(line, "forwardNoMailbox", { address });
      continue;
    }
    if (type !== "forward") {
      const enabled = readFlag(cells.enabled);
      if (enabled === "invalid") {
        problem(line, "enabledInvalid", { value: cells.enabled.slice(0, 20) });
        continue;
      }
      const other = keys.senders(type === "blocklist" ? "allowlist" : "blocklist", address);
      const planned = planSetting(type as SettingType, { line, cells }, address, enabled, other);
      if (!("kind" in planned)) {
        problem(line, planned.code, planned.params);
        continue;
      }
      if (planned.kind === "blocklist" || planned.kind === "allowlist") for (const p of planned.targets) keys.addSender(type, address, p);
      yield planned;
      continue;
    }
    const targets = readTargets(cells.targets, address, MAX_TARGETS_PER_MAILBOX);
    if (typeof targets === "string") {
      problem(line, targets);
      continue;
    }
    added.forwards += targets.length;
    if (over(target.limits.maxForwards, used.forwards + added.forwards)) {
      problem(line, "forwardLimit", { max: target.limits.maxForwards ?? 0 });
      continue;
    }
    yield { line, kind: "forward", op: existing ? "change" : "create", address, targets };
  }
  for (const loop of aliasLoops(keys.aliases(), (address) => keys.alias(address))) {
    problem(loop.line, "aliasLoop", { chain: loop.chain.join(" → ") });
    tally.looping.add(loop.line);
  }
}
