import { getDb } from "@/db";
import {
  aCustomer,
  aCustomerWithPackage,
  aDomain,
  aDomainWithMailboxes,
  aMailAccount,
  anAdmin,
  aReseller,
  aSupport,
  shareNumbering,
  type TestDb,
} from "../../support/factories";
import type { AreaLabel } from "./browser";

/**
 * The runner's database (KONTOR_DB), which every e2e file and the server share, for the factories:
 * numbering continues from a block of this file's own, so names made by different test files never collide.
 */
export function sharedDb(): TestDb {
  const db = getDb();
  shareNumbering(db);
  return db;
}

/** A login as the German login form takes it, and the page it lands on. Password: TEST_PASSWORD. */
export type RoleLogin = { identifier: string; area: AreaLabel; home: string };

/**
 * One login of every role, all new: the administration, support, a reseller and its customer (company
 * with an umlaut, Stammdaten confirmed) with a package of each Plesk layout (info@ in the Plesk 8
 * domain, an internationalised domain in the Plesk 10 one) and a package without panel whose `.001`
 * is the E-Mail-Administration. For tests that walk every role's pages, instead of the demo's logins.
 */
export async function oneLoginOfEachRole(db: TestDb = sharedDb()) {
  const ksc = "KundenServiceCenter" as const;
  const admin = await anAdmin(db);
  const support = await aSupport(db);
  const reseller = await aReseller(db);
  const company = "Café Morgenrot";
  const customer = await aCustomer(db, reseller, { company });
  const owner = { reseller, customer };
  const plesk8 = await aCustomerWithPackage(db, { ...owner, package: { panel: "plesk8" } });
  const { mailboxes } = await aDomainWithMailboxes(db, 1, { sub: plesk8, localParts: ["info"] });
  await aCustomerWithPackage(db, { ...owner, package: { panel: "plesk9" } });
  const plesk10 = await aCustomerWithPackage(db, { ...owner, package: { panel: "plesk10" } });
  const idnDomain = `grün-${customer.customerNumber.toLowerCase()}.example`;
  await aDomain(db, plesk10, idnDomain);
  const mail = await aMailAccount(db, { sub: await aCustomerWithPackage(db, { ...owner, package: { panel: "none" } }) });
  // A staff actor's label is its login, the e-mail address.
  const logins = {
    admin: { identifier: admin.label, area: ksc, home: "/admin" },
    support: { identifier: support.label, area: ksc, home: "/support" },
    reseller: { identifier: reseller.email, area: ksc, home: "/reseller" },
    customer: { identifier: customer.email, area: ksc, home: "/ksc" },
    mailAdmin: { identifier: mail.admin.login, area: "E-Mail-Administration", home: "/mailadmin" },
    mailbox: { identifier: mailboxes[0].address, area: "einzelne Mailbox", home: "/mailbox" },
  } satisfies Record<string, RoleLogin>;
  return { logins, company, customer, idnDomain, mailAccount: mail };
}
export type RoleLogins = Awaited<ReturnType<typeof oneLoginOfEachRole>>["logins"];
