import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, mailAccountAddresses, mailAccounts } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { ForbiddenError, NotFoundError, ServiceError, ValidationError } from "@/lib/errors";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { getMailAdminOverview } from "@/lib/services/mail-accounts/mail-admin-overview";
import { changePendingAdminPassword, deleteMailAccount, setMailAccountPassword } from "@/lib/services/mail-accounts/manage-mail-account";
import { routeAddress, unrouteAddress } from "@/lib/services/mail-accounts/route-address";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { LimitError, limitErrorState } from "@/lib/services/orders/limit-error";
import { orderPackage } from "@/lib/services/orders/order-package";
import { createPackage } from "@/lib/services/packages/save-package";
import { DEMO_PASSWORD } from "@/db/seed";
import { createSeededDb } from "../support/seeded-db";
import { actorsOf, type Handle, NEW_PASSWORD } from "../support/reseller-admin/actors";

let handle: Handle;
let as: ReturnType<typeof actorsOf>;
beforeAll(async () => {
  handle = await createSeededDb();
  as = actorsOf(handle);
});
const accountId = (login: string) => handle.db.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.login, login)).get()?.id ?? 0;
const hashOf = (login: string) => handle.db.select({ h: mailAccounts.passwordHash }).from(mailAccounts).where(eq(mailAccounts.login, login)).get()?.h ?? "";

describe("E-Mail-Administration", () => {
  it("lists the customer's accounts with routed addresses and no-panel domains only", () => {
    const view = getMailAdminOverview(as.mailAdmin("k10001.001"), handle.db);
    expect(view.accounts.map((a) => [a.login, a.addresses.map((x) => x.address)])).toEqual([["k10001.001", []], ["k10001.002", ["kontakt@dorfladen.example"]]]);
    expect(view.domains.map((d) => d.displayName)).toEqual(["dorfladen.example"]);
    expect(view.allowance).toEqual({ subscriptions: 1, maxAccounts: 5, quotaMb: 1024 });
  });

  it("creates the next account, routes an address to it, sets its password and deletes it", async () => {
    const admin = as.mailAdmin("k10001.001");
    const created = await createMailAccount(admin, { quotaMb: 512, newPassword: NEW_PASSWORD }, "127.0.0.1", handle.db);
    expect(created.login).toBe("k10001.003");
    expect(await verifyPassword(hashOf("k10001.003"), NEW_PASSWORD)).toBe(true);
    const domainId = getMailAdminOverview(admin, handle.db).domains[0].id;
    const addressId = routeAddress(admin, { accountId: created.id, domainId, localPart: "buero" }, null, handle.db);
    expect(() => routeAddress(admin, { accountId: created.id, domainId, localPart: "buero" }, null, handle.db)).toThrow(ValidationError);
    // A domain of a Plesk package is not available here.
    expect(() => routeAddress(admin, { accountId: created.id, domainId: 1, localPart: "x" }, null, handle.db)).toThrow(ValidationError);
    await setMailAccountPassword(admin, created.id, "Andere-Lange-Passphrase-91!", null, handle.db);
    expect(await verifyPassword(hashOf("k10001.003"), "Andere-Lange-Passphrase-91!")).toBe(true);
    unrouteAddress(admin, addressId, null, handle.db);
    deleteMailAccount(admin, created.id, null, handle.db);
    expect(accountId("k10001.003")).toBe(0);
    const audit = JSON.stringify(handle.db.select().from(auditLog).all());
    expect(audit).not.toContain(NEW_PASSWORD);
    expect(audit).toContain("mail_account.delete");
  });

  it("names a quota above the package together with the password's problems (issue 25.9)", async () => {
    const admin = as.mailAdmin("k10001.001");
    const err = await createMailAccount(admin, { quotaMb: 5000, newPassword: "kurz" }, null, handle.db).catch((e: ServiceError) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect((err as LimitError).exceeded).toEqual([{ limit: "mailboxQuotaMb", used: 5000, max: 1024, where: "K10001" }]);
    expect((err as ServiceError).fieldErrors?.newPassword).toContain("password.errors.tooShort");
    const t = (key: string, values?: Record<string, string | number>) => (values ? `${key} ${JSON.stringify(values)}` : key);
    const state = limitErrorState(err, t);
    expect(state.status === "error" && Object.keys(state.fieldErrors ?? {}).sort()).toEqual(["newPassword", "quotaMb"]);
  });

  it("refuses weak passwords beside the field and never deletes .001", async () => {
    const admin = as.mailAdmin("k10001.001");
    const err = await createMailAccount(admin, { quotaMb: null, newPassword: "kurz" }, null, handle.db).catch((e: unknown) => e as ServiceError);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ServiceError).fieldErrors?.newPassword).toContain("password.errors.tooShort");
    expect(() => deleteMailAccount(admin, accountId("k10001.001"), null, handle.db)).toThrow(ValidationError);
  });

  it("keeps each customer's accounts apart (404 for another customer's account)", async () => {
    const reseller = as.reseller();
    const pkg = createPackage(reseller, { name: "Fremd", panel: "none", maxDomains: 1, maxMailboxes: 3, mailboxQuotaMb: null, maxForwards: null, spamFilterEnabled: true, forwardingEnabled: true }, null, handle.db);
    const c = await createCustomer(reseller, { company: "", contactName: "Other", street: "", postalCode: "", city: "", country: "DE", phone: "", contactEmail: "other@example.test" }, null, handle.db);
    const order = await orderPackage(reseller, { customerId: c.id, packageId: pkg, domain: "anderer-kunde.example" }, null, handle.db);
    const other = as.mailAdmin(order.adminAccount?.login ?? "");
    // Pending generated password: nothing but the change is allowed.
    await expect(createMailAccount(other, { quotaMb: null, newPassword: NEW_PASSWORD }, null, handle.db)).rejects.toThrow("mailAdmin.errors.mustChangeFirst");
    expect(getMailAdminOverview(other, handle.db).accounts.map((a) => a.login)).toEqual([order.adminAccount?.login]);
    await changePendingAdminPassword(other, NEW_PASSWORD, null, handle.db);
    const ready = as.mailAdmin(order.adminAccount?.login ?? "");
    expect(ready.mustChangePassword).toBe(false);
    await expect(setMailAccountPassword(ready, accountId("k10001.002"), NEW_PASSWORD, null, handle.db)).rejects.toBeInstanceOf(NotFoundError);
    expect(() => deleteMailAccount(ready, accountId("k10001.002"), null, handle.db)).toThrow(NotFoundError);
    const foreignAddress = handle.db.select({ id: mailAccountAddresses.id }).from(mailAccountAddresses).where(eq(mailAccountAddresses.address, "kontakt@dorfladen.example")).get()?.id ?? 0;
    expect(() => unrouteAddress(ready, foreignAddress, null, handle.db)).toThrow(NotFoundError);
    expect(() => routeAddress(ready, { accountId: accountId("k10001.002"), domainId: 1, localPart: "a" }, null, handle.db)).toThrow(NotFoundError);
  });

  it("is closed to other roles", async () => {
    await expect(createMailAccount(as.reseller(), { quotaMb: null, newPassword: NEW_PASSWORD }, null, handle.db)).rejects.toBeInstanceOf(ForbiddenError);
    expect(() => deleteMailAccount(as.user("kunde@kontor.example"), accountId("k10001.002"), null, handle.db)).toThrow(ForbiddenError);
  });
});

describe("the administrator's own password", () => {
  const fieldErrors = async (p: Promise<unknown>) => {
    const error = await p.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  };

  it("needs the current password, counts wrong ones, and then changes", async () => {
    const admin = as.mailAdmin("k10001.001");
    const before = hashOf("k10001.001");
    expect(await fieldErrors(setMailAccountPassword(admin, admin.id, NEW_PASSWORD, "192.0.2.9", handle.db))).toEqual({ currentPassword: ["validation.required"] });
    expect(await fieldErrors(setMailAccountPassword(admin, admin.id, NEW_PASSWORD, "192.0.2.9", handle.db, "falsch-geraten"))).toEqual({ currentPassword: ["password.errors.currentWrong"] });
    expect(hashOf("k10001.001")).toBe(before);
    await setMailAccountPassword(admin, admin.id, NEW_PASSWORD, "192.0.2.9", handle.db, DEMO_PASSWORD);
    expect(await verifyPassword(hashOf("k10001.001"), NEW_PASSWORD)).toBe(true);
  });

  it("is locked after repeated wrong current passwords", async () => {
    const admin = as.mailAdmin("k10001.001");
    for (let i = 0; i < 12; i++) await setMailAccountPassword(admin, admin.id, "Noch-Ein-Neues-Passwort-55", "192.0.2.10", handle.db, `falsch-${i}`).catch(() => undefined);
    expect(await fieldErrors(setMailAccountPassword(admin, admin.id, "Noch-Ein-Neues-Passwort-55", "192.0.2.10", handle.db, NEW_PASSWORD)))
      .toEqual({ currentPassword: ["mailboxSettings.errors.throttled"] });
  });

  it("cannot take the forced-change path when no change is pending", async () => {
    const admin = as.mailAdmin("k10001.001");
    expect(admin.mustChangePassword).toBe(false);
    await expect(changePendingAdminPassword(admin, "Ganz-Anderes-Passwort-77", null, handle.db)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
