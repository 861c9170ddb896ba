import { count } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { hashPassword } from "@/lib/auth/password-hash";
import {
  buildCustomer, buildDomain, buildMailAccount, buildMailbox, buildPackage, buildReseller, buildStaffUser, buildSubscription, type PackageSpec,
} from "./builders";
import * as schema from "./schema";

type SeedDb = BetterSQLite3Database<typeof schema>;

/** The one password of every demo login, as the README promises. */
export const DEMO_PASSWORD = "Sonnenblume-Wiese-42!";

type DomainSeed = { name: string; pkg: string; mailboxes?: string[]; accounts?: { number: number; addresses: string[] }[] };
/** Customer numbers follow from the order and the reseller's base: K10001, K10002, K20001. */
type CustomerSeed = { company: string; contact: string; email: string; domains: DomainSeed[] };
type ResellerSeed = {
  name: string; base: number; email: string;
  packages: PackageSpec[];
  customers: CustomerSeed[];
};

const RESELLERS: ResellerSeed[] = [
  {
    name: "Nordlicht Hosting", base: 10000, email: "reseller@kontor.example",
    packages: [
      { name: "Web Classic", panel: "plesk8", maxDomains: 5, maxMailboxes: 20, mailboxQuotaMb: 1024, maxForwards: 20 },
      { name: "Web Plus", panel: "plesk9", maxDomains: 10, maxMailboxes: 50, mailboxQuotaMb: 2048, maxForwards: 50 },
      { name: "Business", panel: "plesk10", maxDomains: null, maxMailboxes: 200, mailboxQuotaMb: 5120, maxForwards: null },
      { name: "Mail Basic", panel: "none", maxDomains: 3, maxMailboxes: 5, mailboxQuotaMb: 1024, maxForwards: 10 },
    ],
    customers: [
      {
        company: "Bäckerei Sonnenschein", contact: "Maria Sonnenschein", email: "kunde@kontor.example",
        domains: [
          { name: "alpenblick.example", pkg: "Web Classic", mailboxes: ["info", "anna"], aliases: [{ local: "kontakt", targets: ["info"] }] },
          { name: "bergsee.example", pkg: "Web Plus", mailboxes: ["info"] },
          { name: "citywerk.example", pkg: "Business", mailboxes: ["max.mustermann", "info"] },
          { name: "grüne-wiese.example", pkg: "Business", mailboxes: ["post"] },
          { name: "dorfladen.example", pkg: "Mail Basic", accounts: [{ number: 1, addresses: [] }, { number: 2, addresses: ["kontakt"] }] },
        ],
      },
      {
        company: "Zweite Firma", contact: "Erik Zweig", email: "kunde2@kontor.example",
        domains: [{ name: "zweite-firma.example", pkg: "Business", mailboxes: ["info"] }],
      },
    ],
  },
  {
    name: "Südwind Webservice", base: 20000, email: "reseller2@kontor.example",
    packages: [{ name: "Web Plus", panel: "plesk9", maxDomains: 10, maxMailboxes: 50, mailboxQuotaMb: 2048, maxForwards: 50 }],
    customers: [
      {
        company: "Südwind Kunde GmbH", contact: "Sara Wind", email: "kunde3@kontor.example",
        domains: [{ name: "suedwind-kunde.example", pkg: "Web Plus", mailboxes: ["info"] }],
      },
    ],
  },
];

/** Creates the demo data unless the database already holds resellers. Returns whether it seeded. */
export async function seedDemo(db: SeedDb, password = DEMO_PASSWORD): Promise<boolean> {
  const existing = db.select({ n: count() }).from(schema.resellers).get();
  if ((existing?.n ?? 0) > 0) return false;
  // Hashes first: better-sqlite3 transactions must not await. One per login, each with its own salt.
  const hashes: string[] = [];
  const needed = 2 + RESELLERS.reduce((n, r) => n + 1 + r.customers.reduce((m, c) => m + 1 + c.domains.reduce((k, d) => k + (d.mailboxes?.length ?? 0) + (d.accounts?.length ?? 0), 0), 0), 0);
  for (let i = 0; i < needed; i++) hashes.push(await hashPassword(password));
  const passwordHash = () => hashes.pop() as string;

  db.transaction((tx) => {
    buildStaffUser(tx, { email: "admin@kontor.example", role: "admin", displayName: "Kontor Administration", passwordHash: passwordHash() });
    buildStaffUser(tx, { email: "support@kontor.example", role: "support", displayName: "Kontor Support", passwordHash: passwordHash() });
    for (const r of RESELLERS) {
      const reseller = buildReseller(tx, { name: r.name, customerNumberBase: r.base, email: r.email, passwordHash: passwordHash() });
      const pkgs = new Map(r.packages.map((p) => [p.name, { id: buildPackage(tx, reseller.id, p), mailboxQuotaMb: p.mailboxQuotaMb }]));
      for (const c of r.customers) {
        const customer = buildCustomer(tx, reseller.id, { company: c.company, contactName: c.contact, contactEmail: c.email, passwordHash: passwordHash() });
        const tenant = { resellerId: reseller.id, customerId: customer.id };
        const subs = new Map<string, number>();
        for (const d of c.domains) {
          const pkg = pkgs.get(d.pkg);
          if (!pkg) throw new Error(`unknown package ${d.pkg}`);
          // One subscription per package per customer in the demo.
          const subId = subs.get(d.pkg) ?? buildSubscription(tx, tenant, pkg.id);
          subs.set(d.pkg, subId);
          const domain = buildDomain(tx, tenant, subId, d.name);
          for (const local of d.mailboxes ?? []) buildMailbox(tx, tenant, domain, local, { passwordHash: passwordHash(), quotaMb: pkg.mailboxQuotaMb });
          for (const a of d.accounts ?? []) {
            buildMailAccount(tx, { ...tenant, customerNumber: customer.customerNumber }, {
              number: a.number, passwordHash: passwordHash(), quotaMb: pkg.mailboxQuotaMb, addresses: a.addresses.map((localPart) => ({ domain, localPart })),
            });
          }
        }
      }
    }
  });
  return true;
}
