import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, domains } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { setCatchAll } from "@/lib/services/aliases/catch-all";
import { listCatchAlls } from "@/lib/services/aliases/list-aliases";
import { catchAllSchema, mailAdminCatchAllSchema } from "@/lib/validation/alias";
import { aDomainWithMailboxes, aMailAccount, emptyDb } from "../support/factories";
import { fieldErrorsOf } from "../support/field-errors";
import { firstRow } from "@/db/rows";

/** Catch-all to a mail account, in the E-Mail-Administration: two customers with packages without panel. */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let mine: Awaited<ReturnType<typeof aMailAccount>>;
let theirs: Awaited<ReturnType<typeof aMailAccount>>;
const ctx = { ip: "192.0.2.44" };
const catchAllOf = async (domainId: number) =>
  await firstRow(
    handle.db
      .select({ mailbox: domains.catchAllMailboxId, account: domains.catchAllMailAccountId })
      .from(domains)
      .where(eq(domains.id, domainId)),
  );

beforeAll(async () => {
  handle = await emptyDb();
  mine = await aMailAccount(handle.db, { extraAccounts: 1 });
  theirs = await aMailAccount(handle.db, { extraAccounts: 1 });
});

describe("catch-all to a mail account", () => {
  it("points a domain without panel at one of the customer's accounts, lists it, audits it, and switches off", async () => {
    const admin = mine.admin.actor;
    const target = mine.accounts[0];
    const input = mailAdminCatchAllSchema.parse({ domainId: String(mine.domain.id), mailAccountId: String(target.id) });
    await setCatchAll(admin, { ...input, subscriptionId: null, mailboxId: null }, ctx, handle.db);
    expect(await catchAllOf(mine.domain.id)).toEqual({ mailbox: null, account: target.id });
    const listed = (await listCatchAlls(admin, null, handle.db)).find((c) => c.domainId === mine.domain.id);
    expect(listed?.mailAccountId).toBe(target.id);
    expect(listed?.mailAccounts.map((a) => a.login)).toEqual([mine.admin.login, target.login]);
    const audit = await firstRow(handle.db.select().from(auditLog).where(eq(auditLog.action, "domain.catch_all")));
    expect(audit?.details).toEqual({ mailbox: null, mailAccount: target.login });
    const off = mailAdminCatchAllSchema.parse({ domainId: String(mine.domain.id), mailAccountId: "" });
    await setCatchAll(admin, { ...off, subscriptionId: null, mailboxId: null }, ctx, handle.db);
    expect(await catchAllOf(mine.domain.id)).toEqual({ mailbox: null, account: null });
  });

  it("refuses another customer's account beside the field and another customer's domain as not found", async () => {
    const admin = mine.admin.actor;
    const foreignAccount = await fieldErrorsOf(() =>
      setCatchAll(
        admin,
        { subscriptionId: null, domainId: mine.domain.id, mailboxId: null, mailAccountId: theirs.accounts[0].id },
        ctx,
        handle.db,
      ),
    );
    expect(foreignAccount.mailAccountId).toEqual(["aliases.errors.catchAllUnknownAccount"]);
    await expect(
      setCatchAll(admin, { subscriptionId: null, domainId: theirs.domain.id, mailboxId: null, mailAccountId: null }, ctx, handle.db),
    ).rejects.toThrow(NotFoundError);
    expect(await catchAllOf(mine.domain.id)).toEqual({ mailbox: null, account: null });
    expect(await catchAllOf(theirs.domain.id)).toEqual({ mailbox: null, account: null });
  });

  it("refuses a mailbox and an account at once, and the forms take only their own kind", async () => {
    const errors = await fieldErrorsOf(() =>
      setCatchAll(
        mine.admin.actor,
        { subscriptionId: null, domainId: mine.domain.id, mailboxId: 1, mailAccountId: mine.accounts[0].id },
        ctx,
        handle.db,
      ),
    );
    expect(errors.mailAccountId).toEqual(["aliases.errors.catchAllOneTarget"]);
    expect(catchAllSchema.safeParse({ domainId: "1", mailAccountId: "2" }).success).toBe(false);
    expect(mailAdminCatchAllSchema.safeParse({ domainId: "1", mailboxId: "2" }).success).toBe(false);
  });

  it("offers no mail accounts in the panel, and a panel customer cannot point a catch-all at one", async () => {
    const panel = await aDomainWithMailboxes(handle.db, 1);
    const customer = panel.customer.actor;
    const listed = await listCatchAlls(customer, panel.subscriptionId, handle.db);
    expect(listed.map((c) => c.mailAccounts)).toEqual([[]]);
    const errors = await fieldErrorsOf(() =>
      setCatchAll(
        customer,
        { subscriptionId: panel.subscriptionId, domainId: panel.domain.id, mailboxId: null, mailAccountId: mine.accounts[0].id },
        ctx,
        handle.db,
      ),
    );
    expect(errors.mailAccountId).toEqual(["aliases.errors.catchAllUnknownAccount"]);
  });
});
