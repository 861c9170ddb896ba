import { count } from "drizzle-orm";
import type { Db } from "@/db";
import { hashPassword } from "@/lib/auth/password-hash";
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
  type PackageSpec,
} from "./builders";
import * as schema from "./schema";
import { firstRow } from "@/db/rows";
import { transaction } from "@/db/transaction";

/** The one password of every demo login, as the README promises. */
export const DEMO_PASSWORD = "Sonnenblume-Wiese-42!";

type DomainSeed = {
  name: string;
  pkg: string;
  mailboxes?: string[];
  accounts?: { number: number; addresses: string[] }[];
  /** E-Mail-Aliases: local part → local parts of the same domain. */
  aliases?: { local: string; targets: string[] }[];
};
/** Customer numbers come from the reseller's range in this order: K10001, K10002 …; K20001 … */
type CustomerSeed = { company: string; contact: string; email: string; domains: DomainSeed[] };
type ResellerSeed = { name: string; base: number; email: string; packages: PackageSpec[]; customers: CustomerSeed[] };

const RESELLERS: ResellerSeed[] = [
  {
    name: "Nordlicht Hosting",
    base: 10000,
    email: "reseller@kontor.example",
    packages: [
      { name: "Web Classic", panel: "plesk8", maxDomains: 5, maxMailboxes: 20, mailboxQuotaMb: 1024, maxForwards: 20 },
      { name: "Web Plus", panel: "plesk9", maxDomains: 10, maxMailboxes: 50, mailboxQuotaMb: 2048, maxForwards: 50 },
      { name: "Business", panel: "plesk10", maxDomains: null, maxMailboxes: 200, mailboxQuotaMb: 5120, maxForwards: null },
      { name: "Mail Basic", panel: "none", maxDomains: 3, maxMailboxes: 5, mailboxQuotaMb: 1024, maxForwards: 10 },
    ],
    customers: [
      {
        // K10001
        company: "Bäckerei Sonnenschein",
        contact: "Maria Sonnenschein",
        email: "kunde@kontor.example",
        domains: [
          {
            name: "alpenblick.example",
            pkg: "Web Classic",
            mailboxes: ["info", "anna"],
            aliases: [{ local: "kontakt", targets: ["info"] }],
          },
          { name: "bergsee.example", pkg: "Web Plus", mailboxes: ["info"] },
          { name: "citywerk.example", pkg: "Business", mailboxes: ["max.mustermann", "info"] },
          { name: "grüne-wiese.example", pkg: "Business", mailboxes: ["post"] },
          {
            name: "dorfladen.example",
            pkg: "Mail Basic",
            accounts: [
              { number: 1, addresses: [] },
              { number: 2, addresses: ["kontakt"] },
            ],
          },
        ],
      },
      {
        // K10002
        company: "Zweite Firma",
        contact: "Erik Zweig",
        email: "kunde2@kontor.example",
        domains: [{ name: "zweite-firma.example", pkg: "Business", mailboxes: ["info"] }],
      },
    ],
  },
  {
    name: "Südwind Webservice",
    base: 20000,
    email: "reseller2@kontor.example",
    packages: [{ name: "Web Plus", panel: "plesk9", maxDomains: 10, maxMailboxes: 50, mailboxQuotaMb: 2048, maxForwards: 50 }],
    customers: [
      {
        // K20001
        company: "Südwind Kunde GmbH",
        contact: "Sara Wind",
        email: "kunde3@kontor.example",
        domains: [{ name: "suedwind-kunde.example", pkg: "Web Plus", mailboxes: ["info"] }],
      },
    ],
  },
];

/** How many logins the demo has (staff, resellers, customers, mailboxes, mail accounts): one hash each. */
function loginCount(): number {
  const ofDomain = (d: DomainSeed) => (d.mailboxes?.length ?? 0) + (d.accounts?.length ?? 0);
  const ofCustomer = (c: CustomerSeed) => 1 + c.domains.reduce((n, d) => n + ofDomain(d), 0);
  return 2 + RESELLERS.reduce((n, r) => n + 1 + r.customers.reduce((m, c) => m + ofCustomer(c), 0), 0);
}

/** Creates the demo data with the builders (db/builders.ts) unless the database already holds resellers. Returns whether it seeded. */
export async function seedDemo(db: Db, password = DEMO_PASSWORD): Promise<boolean> {
  const existing = await firstRow(db.select({ n: count() }).from(schema.resellers));
  if ((existing?.n ?? 0) > 0) return false;
  // Hashes first: a transaction body must not wait for I/O (db/transaction.ts). Each login its own salt.
  const hashes: string[] = [];
  for (let i = loginCount(); i > 0; i--) hashes.push(await hashPassword(password));
  const passwordHash = () => {
    const hash = hashes.pop();
    if (!hash) throw new Error("seed: fewer hashes than logins (loginCount)");
    return hash;
  };

  await transaction(db, async (tx) => {
    await buildStaffUser(tx, {
      email: "admin@kontor.example",
      role: "admin",
      displayName: "Kontor Administration",
      passwordHash: passwordHash(),
    });
    await buildStaffUser(tx, {
      email: "support@kontor.example",
      role: "support",
      displayName: "Kontor Support",
      passwordHash: passwordHash(),
    });
    for (const r of RESELLERS) {
      const reseller = await buildReseller(tx, { name: r.name, customerNumberBase: r.base, email: r.email, passwordHash: passwordHash() });
      const packages = new Map<string, { id: number; quotaMb: number | null }>();
      for (const p of r.packages) packages.set(p.name, { id: await buildPackage(tx, reseller.id, p), quotaMb: p.mailboxQuotaMb });
      for (const c of r.customers) {
        const customer = await buildCustomer(tx, reseller.id, {
          company: c.company,
          contactName: c.contact,
          contactEmail: c.email,
          passwordHash: passwordHash(),
        });
        const tenant = { resellerId: reseller.id, customerId: customer.id };
        // One subscription per package per customer in the demo.
        const subscriptions = new Map<string, number>();
        for (const d of c.domains) {
          const pkg = packages.get(d.pkg);
          if (!pkg) throw new Error(`unknown package ${d.pkg}`);
          const subscriptionId = subscriptions.get(d.pkg) ?? (await buildSubscription(tx, tenant, pkg.id));
          subscriptions.set(d.pkg, subscriptionId);
          const domain = await buildDomain(tx, tenant, subscriptionId, d.name);
          for (const local of d.mailboxes ?? []) {
            await buildMailbox(tx, tenant, domain, local, { passwordHash: passwordHash(), quotaMb: pkg.quotaMb });
          }
          for (const a of d.aliases ?? []) {
            await buildAlias(
              tx,
              tenant,
              domain,
              a.local,
              a.targets.map((t) => `${t}@${domain.name}`),
            );
          }
          for (const a of d.accounts ?? []) {
            await buildMailAccount(
              tx,
              { ...tenant, customerNumber: customer.customerNumber },
              {
                number: a.number,
                passwordHash: passwordHash(),
                quotaMb: pkg.quotaMb,
                addresses: a.addresses.map((localPart) => ({ domain, localPart })),
              },
            );
          }
        }
      }
    }
  });
  return true;
}
