import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, mailAccountAddresses, mailAccounts } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { ForbiddenError, NotFoundError, ServiceError, ValidationError } from "@/lib/errors";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { mailAccountQuotaAlongside } from "@/lib/services/mail-accounts/quota-alongside";
import { getMailAdminOverview } from "@/lib/services/mail-accounts/mail-admin-overview";
import { changePendingAdminPassword, deleteMailAccount, setMailAccountPassword } from "@/lib/services/mail-accounts/manage-mail-account";
import { routeAddress, unrouteAddress } from "@/lib/services/mail-accounts/route-address";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { LimitError } from "@/lib/services/orders/limit-error";
import { orderPackage } from "@/lib/services/orders/order-package";
import { createPackage } from "@/lib/services/packages/save-package";
import {
  actorOf,
  aCustomerWithPackage,
  aMailAccount,
  aReseller,
  emptyDb,
  TEST_PASSWORD,
  type TestCustomer,
  type TestReseller,
} from "../support/factories";
import { NEW_PASSWORD } from "../support/reseller-admin/actors";
import { firstRow } from "@/db/rows";

/**
 * Each test starts from one customer with a package without panel on dorfladen.example, its accounts
 * `.001` and `.002` (with one routed address), and a Plesk package whose domain mail accounts may not use.
 */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let r1: TestReseller;
let kunde: TestCustomer;
let prefix: string;
let routed: string;
let pleskDomainId: number;
beforeEach(async () => {
  handle = await emptyDb();
  r1 = await aReseller(handle.db);
  const mail = await aMailAccount(handle.db, {
    sub: await aCustomerWithPackage(handle.db, {
      reseller: r1,
      domain: "dorfladen.example",
      package: { name: "Mail Basic", panel: "none", maxMailboxes: 5, mailboxQuotaMb: 1024 },
    }),
    extraAccounts: 1,
  });
  kunde = mail.customer;
  prefix = kunde.customerNumber.toLowerCase();
  routed = `konto2@dorfladen.example`;
  pleskDomainId = (await aCustomerWithPackage(handle.db, { reseller: r1, customer: kunde, package: { panel: "plesk10" } })).domain.id;
});
const accountId = async (login: string) =>
  (await firstRow(handle.db.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.login, login))))?.id ?? 0;
const hashOf = async (login: string) =>
  (await firstRow(handle.db.select({ h: mailAccounts.passwordHash }).from(mailAccounts).where(eq(mailAccounts.login, login))))?.h ?? "";
const mailAdmin = async (login: string) => await actorOf(handle.db, "mail_account", await accountId(login));

describe("E-Mail-Administration", () => {
  it("checks the quota on a form the schema refused, naming the limit (issue 25)", async () => {
    const admin = await mailAdmin(`${prefix}.001`);
    expect(await mailAccountQuotaAlongside(admin, { quotaMb: "5000", newPassword: "kurz" }, handle.db)).toEqual({
      quotaMb: [{ key: "panel.errors.quotaTooLarge", values: { max: 1024 } }],
    });
    expect(await mailAccountQuotaAlongside(admin, { quotaMb: "1024" }, handle.db)).toEqual({});
    expect(await mailAccountQuotaAlongside(admin, { quotaMb: "-3" }, handle.db)).toEqual({});
  });

  it("lists the customer's accounts with routed addresses and no-panel domains only", async () => {
    const view = await getMailAdminOverview(await mailAdmin(`${prefix}.001`), handle.db);
    expect(view.accounts.map((a) => [a.login, a.addresses.map((x) => x.address)])).toEqual([
      [`${prefix}.001`, []],
      [`${prefix}.002`, [routed]],
    ]);
    expect(view.domains.map((d) => d.displayName)).toEqual(["dorfladen.example"]);
    expect(view.allowance).toEqual({ subscriptions: 1, maxAccounts: 5, quotaMb: 1024 });
  });

  it("creates the next account, routes an address to it, sets its password and deletes it", async () => {
    const admin = await mailAdmin(`${prefix}.001`);
    const created = await createMailAccount(admin, { quotaMb: 512, newPassword: NEW_PASSWORD }, "127.0.0.1", handle.db);
    expect(created.login).toBe(`${prefix}.003`);
    expect(await verifyPassword(await hashOf(`${prefix}.003`), NEW_PASSWORD)).toBe(true);
    const domainId = (await getMailAdminOverview(admin, handle.db)).domains[0].id;
    const addressId = await routeAddress(admin, { accountId: created.id, domainId, localPart: "buero" }, null, handle.db);
    await expect(
      async () => await routeAddress(admin, { accountId: created.id, domainId, localPart: "buero" }, null, handle.db),
    ).rejects.toThrow(ValidationError);
    // A domain of a Plesk package is not available here.
    await expect(
      async () => await routeAddress(admin, { accountId: created.id, domainId: pleskDomainId, localPart: "x" }, null, handle.db),
    ).rejects.toThrow(ValidationError);
    await setMailAccountPassword(admin, created.id, "Andere-Lange-Passphrase-91!", null, handle.db);
    expect(await verifyPassword(await hashOf(`${prefix}.003`), "Andere-Lange-Passphrase-91!")).toBe(true);
    await unrouteAddress(admin, addressId, null, handle.db);
    await deleteMailAccount(admin, created.id, null, handle.db);
    expect(await accountId(`${prefix}.003`)).toBe(0);
    const audit = JSON.stringify(await handle.db.select().from(auditLog));
    expect(audit).not.toContain(NEW_PASSWORD);
    expect(audit).toContain("mail_account.delete");
  });

  it("names a quota above the package together with the password's problems (issue 25.9)", async () => {
    const admin = await mailAdmin(`${prefix}.001`);
    const err = await createMailAccount(admin, { quotaMb: 5000, newPassword: "kurz" }, null, handle.db).catch(
      (e: unknown) => e as ServiceError,
    );
    // The same field message as a mailbox's quota in the panel, not the reseller's limit report.
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).not.toBeInstanceOf(LimitError);
    expect((err as ServiceError).fieldErrors?.quotaMb).toEqual([{ key: "panel.errors.quotaTooLarge", values: { max: 1024 } }]);
    expect((err as ServiceError).fieldErrors?.newPassword).toContain("password.errors.tooShort");
  });

  it("refuses weak passwords beside the field and never deletes .001", async () => {
    const admin = await mailAdmin(`${prefix}.001`);
    const err = await createMailAccount(admin, { quotaMb: null, newPassword: "kurz" }, null, handle.db).catch(
      (e: unknown) => e as ServiceError,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ServiceError).fieldErrors?.newPassword).toContain("password.errors.tooShort");
    await expect(async () => await deleteMailAccount(admin, await accountId(`${prefix}.001`), null, handle.db)).rejects.toThrow(
      ValidationError,
    );
  });

  it("keeps each customer's accounts apart (404 for another customer's account)", async () => {
    const reseller = r1.actor;
    const pkg = await createPackage(
      reseller,
      {
        name: "Fremd",
        panel: "none",
        maxDomains: 1,
        maxMailboxes: 3,
        mailboxQuotaMb: null,
        maxForwards: null,
        spamFilterEnabled: true,
        forwardingEnabled: true,
      },
      null,
      handle.db,
    );
    const c = await createCustomer(
      reseller,
      {
        company: "",
        contactName: "Other",
        street: "",
        postalCode: "",
        city: "",
        country: "DE",
        phone: "",
        contactEmail: "other@example.test",
      },
      null,
      handle.db,
    );
    const order = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "anderer-kunde.example" }, null, handle.db);
    const other = await mailAdmin(order.adminAccount?.login ?? "");
    // Pending generated password: nothing but the change is allowed.
    await expect(createMailAccount(other, { quotaMb: null, newPassword: NEW_PASSWORD }, null, handle.db)).rejects.toThrow(
      "mailAdmin.errors.mustChangeFirst",
    );
    expect((await getMailAdminOverview(other, handle.db)).accounts.map((a) => a.login)).toEqual([order.adminAccount?.login]);
    await changePendingAdminPassword(other, NEW_PASSWORD, null, handle.db);
    const ready = await mailAdmin(order.adminAccount?.login ?? "");
    expect(ready.mustChangePassword).toBe(false);
    await expect(setMailAccountPassword(ready, await accountId(`${prefix}.002`), NEW_PASSWORD, null, handle.db)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(async () => await deleteMailAccount(ready, await accountId(`${prefix}.002`), null, handle.db)).rejects.toThrow(
      NotFoundError,
    );
    const foreignAddress =
      (
        await firstRow(
          handle.db.select({ id: mailAccountAddresses.id }).from(mailAccountAddresses).where(eq(mailAccountAddresses.address, routed)),
        )
      )?.id ?? 0;
    await expect(async () => await unrouteAddress(ready, foreignAddress, null, handle.db)).rejects.toThrow(NotFoundError);
    await expect(
      async () =>
        await routeAddress(
          ready,
          { accountId: await accountId(`${prefix}.002`), domainId: pleskDomainId, localPart: "a" },
          null,
          handle.db,
        ),
    ).rejects.toThrow(NotFoundError);
  });

  it("is closed to other roles", async () => {
    await expect(createMailAccount(r1.actor, { quotaMb: null, newPassword: NEW_PASSWORD }, null, handle.db)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(async () => await deleteMailAccount(kunde.actor, await accountId(`${prefix}.002`), null, handle.db)).rejects.toThrow(
      ForbiddenError,
    );
  });
});

describe("the administrator's own password", () => {
  const fieldErrors = async (p: Promise<unknown>) => {
    const error = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  };

  it("needs the current password, counts wrong ones, and then changes", async () => {
    const admin = await mailAdmin(`${prefix}.001`);
    const before = await hashOf(`${prefix}.001`);
    expect(await fieldErrors(setMailAccountPassword(admin, admin.id, NEW_PASSWORD, "192.0.2.9", handle.db))).toEqual({
      currentPassword: ["validation.required"],
    });
    expect(await fieldErrors(setMailAccountPassword(admin, admin.id, NEW_PASSWORD, "192.0.2.9", handle.db, "falsch-geraten"))).toEqual({
      currentPassword: ["password.errors.currentWrong"],
    });
    expect(await hashOf(`${prefix}.001`)).toBe(before);
    await setMailAccountPassword(admin, admin.id, NEW_PASSWORD, "192.0.2.9", handle.db, TEST_PASSWORD);
    expect(await verifyPassword(await hashOf(`${prefix}.001`), NEW_PASSWORD)).toBe(true);
  });

  it("is locked after repeated wrong current passwords", async () => {
    const admin = await mailAdmin(`${prefix}.001`);
    for (let i = 0; i < 12; i++)
      await setMailAccountPassword(admin, admin.id, "Noch-Ein-Neues-Passwort-55", "192.0.2.10", handle.db, `falsch-${i}`).catch(
        () => undefined,
      );
    expect(
      await fieldErrors(setMailAccountPassword(admin, admin.id, "Noch-Ein-Neues-Passwort-55", "192.0.2.10", handle.db, TEST_PASSWORD)),
    ).toEqual({ currentPassword: ["mailboxSettings.errors.throttled"] });
  });

  it("cannot take the forced-change path when no change is pending", async () => {
    const admin = await mailAdmin(`${prefix}.001`);
    expect(admin.mustChangePassword).toBe(false);
    await expect(changePendingAdminPassword(admin, "Ganz-Anderes-Passwort-77", null, handle.db)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
