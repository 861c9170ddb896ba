import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  buildAlias,
  buildCustomer,
  buildDomain,
  buildMailAccount,
  buildMailbox,
  buildPackage,
  buildReseller,
  buildStaffUser,
  buildSubscription,
  type CustomerSpec,
  type PackageSpec,
} from "@/db/builders";
import type { PrincipalKind } from "@/db/schema";
import { generate } from "otplib";
import { beginTotpEnrolment, confirmTotpFactor } from "@/lib/auth/mfa/totp";
import { hashPassword } from "@/lib/auth/password-hash";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { createTicket } from "@/lib/services/tickets/create-ticket";
import type { CreateTicketInput } from "@/lib/validation/ticket";
import { createTestDb } from "./test-db";

/**
 * Test factories: each test builds the world it needs on an empty database (`emptyDb()`) instead of
 * leaning on the demo seed's names. Records come from the same builders as the demo seed
 * (db/builders.ts, which keep the services' invariants); tickets go through the ticket service.
 * Names are unique per database, so factories can be called any number of times in any order.
 */
export type TestDb = Awaited<ReturnType<typeof createTestDb>>["db"];

/** Every login the factories create has this password. */
export const TEST_PASSWORD = "Wacholder-Kiesel-Bucht-58";

let hashed: Promise<string> | undefined;
/** One argon2 hash for every factory-made login: hashing is the slow part of building a world. */
export const testPasswordHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

export async function emptyDb() {
  return await createTestDb();
}

const counters = new WeakMap<object, number>();
function nextNumber(db: TestDb): number {
  const n = (counters.get(db) ?? 0) + 1;
  counters.set(db, n);
  return n;
}

/**
 * For a database other test files use too (the runner's, KONTOR_DB and its PostgreSQL twin): numbering
 * continues from a block of numbers of this file's own instead of 1, so names made by different files
 * never collide (random starting points did once enough files shared the database).
 */
export function shareNumbering(db: TestDb) {
  if (!counters.has(db)) counters.set(db, 1000 + claimNumberBlock() * NUMBER_BLOCK);
}

const NUMBER_BLOCK = 200;
/** 1000 + 95 × 200 = 20,000: customer number bases (number × 100,000) stay 32-bit. */
const NUMBER_BLOCKS = 95;

/**
 * Under the runner the pass's folder (beside KONTOR_DB, one per pass) hands the blocks out in turn:
 * a file created exclusively there is this file's claim. Without a runner, a random block.
 */
function claimNumberBlock(): number {
  const runDb = process.env.KONTOR_DB;
  if (!runDb) return crypto.randomInt(0, NUMBER_BLOCKS);
  const dir = path.join(path.dirname(runDb), "factory-number-blocks");
  fs.mkdirSync(dir, { recursive: true });
  for (let block = 0; block < NUMBER_BLOCKS; block++) {
    try {
      fs.closeSync(fs.openSync(path.join(dir, String(block)), "wx"));
      return block;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new Error(`factories: all ${String(NUMBER_BLOCKS)} numbering blocks of this run are taken (${dir})`);
}

export async function actorOf(db: TestDb, kind: PrincipalKind, id: number): Promise<Actor> {
  const actor = await loadActor(db, kind, id);
  if (!actor) throw new Error(`factories: no actor ${kind}:${id}`);
  return actor;
}

export async function anAdmin(db: TestDb): Promise<Actor> {
  const n = nextNumber(db);
  const id = await buildStaffUser(db, {
    email: `admin${n}@test.example`,
    role: "admin",
    displayName: `Admin ${n}`,
    passwordHash: await testPasswordHash(),
  });
  return await actorOf(db, "user", id);
}

export async function aSupport(db: TestDb): Promise<Actor> {
  const n = nextNumber(db);
  const id = await buildStaffUser(db, {
    email: `support${n}@test.example`,
    role: "support",
    displayName: `Support ${n}`,
    passwordHash: await testPasswordHash(),
  });
  return await actorOf(db, "user", id);
}

export type TestReseller = { id: number; userId: number; email: string; customerNumberBase: number; actor: Actor };

export async function aReseller(db: TestDb, p: { name?: string } = {}): Promise<TestReseller> {
  const n = nextNumber(db);
  const email = `reseller${n}@test.example`;
  // Customer numbers are unique installation-wide: every reseller gets its own range, wide enough for
  // tests that add thousands of customers.
  const customerNumberBase = n * 100_000;
  const r = await buildReseller(db, { name: p.name ?? `Reseller ${n}`, customerNumberBase, email, passwordHash: await testPasswordHash() });
  return { ...r, email, customerNumberBase, actor: await actorOf(db, "user", r.userId) };
}

export const PACKAGE_DEFAULTS: PackageSpec = {
  name: "Paket",
  panel: "plesk9",
  maxDomains: 5,
  maxMailboxes: 10,
  mailboxQuotaMb: 1024,
  maxForwards: 10,
};

export async function aPackage(db: TestDb, reseller: { id: number }, p: Partial<PackageSpec> = {}): Promise<number> {
  return await buildPackage(db, reseller.id, { ...PACKAGE_DEFAULTS, name: `Paket ${nextNumber(db)}`, ...p });
}

export type TestCustomer = { id: number; userId: number; customerNumber: string; resellerId: number; email: string; actor: Actor };

export async function aCustomer(
  db: TestDb,
  reseller?: { id: number },
  p: Partial<Omit<CustomerSpec, "passwordHash">> = {},
): Promise<TestCustomer> {
  const owner = reseller ?? (await aReseller(db));
  const n = nextNumber(db);
  const email = p.contactEmail ?? `kunde${n}@test.example`;
  const c = await buildCustomer(db, owner.id, {
    company: `Firma ${n}`,
    contactName: `Kontakt ${n}`,
    stammdatenConfirmed: true,
    ...p,
    contactEmail: email,
    passwordHash: await testPasswordHash(),
  });
  return { ...c, email, actor: await actorOf(db, "user", c.userId) };
}

export type TestSubscription = {
  reseller: TestReseller;
  customer: TestCustomer;
  packageId: number;
  subscriptionId: number;
  domain: { id: number; name: string };
};

/**
 * A reseller (new unless given) with a customer (new unless given) that ordered a package (new with
 * `package`'s values, or the existing `packageId`) with its first domain.
 */
export async function aCustomerWithPackage(
  db: TestDb,
  p: { reseller?: TestReseller; customer?: TestCustomer; package?: Partial<PackageSpec>; packageId?: number; domain?: string } = {},
): Promise<TestSubscription> {
  const reseller = p.reseller ?? (await aReseller(db));
  const customer = p.customer ?? (await aCustomer(db, reseller));
  const packageId = p.packageId ?? (await aPackage(db, reseller, p.package));
  const tenant = { resellerId: reseller.id, customerId: customer.id };
  const subscriptionId = await buildSubscription(db, tenant, packageId);
  const domain = await buildDomain(db, tenant, subscriptionId, p.domain ?? `domain${nextNumber(db)}.example`);
  return { reseller, customer, packageId, subscriptionId, domain };
}

/** Another domain in an existing subscription. */
export async function aDomain(db: TestDb, sub: TestSubscription, name = `domain${nextNumber(db)}.example`) {
  return await buildDomain(db, { resellerId: sub.reseller.id, customerId: sub.customer.id }, sub.subscriptionId, name);
}

export type TestMailbox = { id: number; address: string; actor: Actor };

/** A subscription (new unless given) whose domain has `count` mailboxes, named box1@ … boxN@ (or `localParts`). */
export async function aDomainWithMailboxes(
  db: TestDb,
  count: number,
  p: { sub?: TestSubscription; package?: Partial<PackageSpec>; quotaMb?: number | null; localParts?: string[] } = {},
) {
  const sub = p.sub ?? (await aCustomerWithPackage(db, { package: p.package }));
  const hash = await testPasswordHash();
  const tenant = { resellerId: sub.reseller.id, customerId: sub.customer.id };
  const mailboxes: TestMailbox[] = [];
  for (let i = 1; i <= count; i++) {
    const m = await buildMailbox(db, tenant, sub.domain, p.localParts?.[i - 1] ?? `box${i}`, {
      passwordHash: hash,
      quotaMb: p.quotaMb === undefined ? PACKAGE_DEFAULTS.mailboxQuotaMb : p.quotaMb,
    });
    mailboxes.push({ ...m, actor: await actorOf(db, "mailbox", m.id) });
  }
  return { ...sub, mailboxes };
}

/**
 * A customer with a package without panel and its mail accounts: `.001` (the E-Mail-Administration,
 * whose actor is returned; with `mustChangePassword` still on its start password, as after an order)
 * and, when asked, more accounts with one routed address each.
 */
export async function aMailAccount(
  db: TestDb,
  p: { sub?: TestSubscription; extraAccounts?: number; quotaMb?: number | null; mustChangePassword?: boolean } = {},
) {
  const sub = p.sub ?? (await aCustomerWithPackage(db, { package: { panel: "none" } }));
  const hash = await testPasswordHash();
  const tenant = { resellerId: sub.reseller.id, customerId: sub.customer.id, customerNumber: sub.customer.customerNumber };
  const quotaMb = p.quotaMb === undefined ? PACKAGE_DEFAULTS.mailboxQuotaMb : p.quotaMb;
  const admin = await buildMailAccount(db, tenant, { number: 1, passwordHash: hash, quotaMb, mustChangePassword: p.mustChangePassword });
  const accounts = [];
  for (let i = 2; i < 2 + (p.extraAccounts ?? 0); i++) {
    accounts.push(
      await buildMailAccount(db, tenant, {
        number: i,
        passwordHash: hash,
        quotaMb,
        addresses: [{ domain: sub.domain, localPart: `konto${i}` }],
      }),
    );
  }
  return { ...sub, admin: { ...admin, actor: await actorOf(db, "mail_account", admin.id) }, accounts };
}

/** An E-Mail-Alias on the subscription's domain (or `domain`) delivering to `targets` (full addresses). */
export async function anAlias(db: TestDb, sub: TestSubscription, localPart: string, targets: string[], domain = sub.domain) {
  return await buildAlias(db, { resellerId: sub.reseller.id, customerId: sub.customer.id }, domain, localPart, targets);
}

/**
 * A customer whose mail takes every route Postfix and Dovecot know: a Plesk domain alpenblick.example
 * with mailboxes info@ and anna@ and the alias kontakt@ → info@, and a package without panel on
 * dorfladen.example with the accounts `.001` and `.002` (konto2@dorfladen.example routed to `.002`).
 */
export async function aCustomerWithMailRoutes(db: TestDb) {
  const plesk = await aDomainWithMailboxes(db, 2, {
    sub: await aCustomerWithPackage(db, { domain: "alpenblick.example" }),
    localParts: ["info", "anna"],
  });
  await anAlias(db, plesk, "kontakt", ["info@alpenblick.example"]);
  const owner = { reseller: plesk.reseller, customer: plesk.customer };
  const mail = await aMailAccount(db, {
    sub: await aCustomerWithPackage(db, { ...owner, domain: "dorfladen.example", package: { panel: "none" } }),
    extraAccounts: 1,
  });
  return { plesk, mail, admin: mail.admin, account2: mail.accounts[0] };
}

/**
 * A confirmed authenticator app (TOTP) of a KundenServiceCenter login, enrolled through the MFA module
 * as the security page does; returns the secret, for the test's own codes. The confirming code spends
 * the current time step: a test that logs in with a code next moves the clock on first.
 */
export async function aTotpFactor(db: TestDb, user: { userId: number; email: string }): Promise<string> {
  const { factorId, secret } = await beginTotpEnrolment(user.userId, user.email, db);
  if (!(await confirmTotpFactor(user.userId, factorId, await generate({ secret }), "App", db)))
    throw new Error(`factories: the TOTP factor of ${user.email} was not confirmed`);
  return secret;
}

/** A ticket opened by the customer through the ticket service (Stammdaten confirmed by aCustomer). */
export async function aTicket(db: TestDb, customer: { actor: Actor }, p: Partial<CreateTicketInput> = {}): Promise<number> {
  return await createTicket(
    customer.actor,
    { category: "general", subject: `Anliegen ${nextNumber(db)}`, message: "Bitte um Hilfe.", ...p },
    null,
    db,
  );
}

/**
 * A customer with the three panel packages of the demo's K10001 and their mailboxes: Web Classic
 * (alpenblick.example: info, anna; 1024 MB, 20 forwards), Web Plus (bergsee.example: info; 2048 MB)
 * and Business (citywerk.example: max.mustermann, info; grüne-wiese.example: post; 5120 MB).
 * For tests of the panel and the mailbox area that need a realistic customer, on their own database.
 */
export async function aCustomerWithPanelPackages(db: TestDb, p: { contactEmail?: string } = {}) {
  const reseller = await aReseller(db);
  const customer = await aCustomer(db, reseller, { contactEmail: p.contactEmail });
  const withBoxes = async (domain: string, localParts: string[], pkg: Partial<PackageSpec> & { mailboxQuotaMb: number }) =>
    aDomainWithMailboxes(db, localParts.length, {
      sub: await aCustomerWithPackage(db, { reseller, customer, domain, package: pkg }),
      localParts,
      quotaMb: pkg.mailboxQuotaMb,
    });
  const classic = await withBoxes("alpenblick.example", ["info", "anna"], {
    name: "Web Classic",
    panel: "plesk8",
    maxMailboxes: 20,
    mailboxQuotaMb: 1024,
    maxForwards: 20,
  });
  const plus = await withBoxes("bergsee.example", ["info"], {
    name: "Web Plus",
    panel: "plesk9",
    maxMailboxes: 50,
    mailboxQuotaMb: 2048,
    maxForwards: 50,
  });
  const business = await withBoxes("citywerk.example", ["max.mustermann", "info"], {
    name: "Business",
    panel: "plesk10",
    maxDomains: null,
    maxMailboxes: 200,
    mailboxQuotaMb: 5120,
    maxForwards: null,
  });
  await aDomainWithMailboxes(db, 1, {
    sub: { ...business, domain: await aDomain(db, business, "grüne-wiese.example") },
    localParts: ["post"],
    quotaMb: 5120,
  });
  return { reseller, customer, classic, plus, business };
}
