import { count, eq, sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { hashPassword } from "@/lib/auth/password-hash";
import { canonicalDomain } from "@/lib/validation/names";
import * as schema from "./schema";
import type { PanelKind } from "./schema";
import { firstRow, onlyRow } from "@/db/rows";
import { transaction } from "@/db/transaction";

type SeedDb = BetterSQLite3Database<typeof schema>;

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
type CustomerSeed = { number: string; company: string; contact: string; email: string; domains: DomainSeed[] };
type ResellerSeed = {
  name: string;
  base: number;
  email: string;
  packages: {
    name: string;
    panel: PanelKind;
    maxDomains: number | null;
    maxMailboxes: number | null;
    quota: number | null;
    maxForwards: number | null;
  }[];
  customers: CustomerSeed[];
};

const RESELLERS: ResellerSeed[] = [
  {
    name: "Nordlicht Hosting",
    base: 10000,
    email: "reseller@kontor.example",
    packages: [
      { name: "Web Classic", panel: "plesk8", maxDomains: 5, maxMailboxes: 20, quota: 1024, maxForwards: 20 },
      { name: "Web Plus", panel: "plesk9", maxDomains: 10, maxMailboxes: 50, quota: 2048, maxForwards: 50 },
      { name: "Business", panel: "plesk10", maxDomains: null, maxMailboxes: 200, quota: 5120, maxForwards: null },
      { name: "Mail Basic", panel: "none", maxDomains: 3, maxMailboxes: 5, quota: 1024, maxForwards: 10 },
    ],
    customers: [
      {
        number: "K10001",
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
        number: "K10002",
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
    packages: [{ name: "Web Plus", panel: "plesk9", maxDomains: 10, maxMailboxes: 50, quota: 2048, maxForwards: 50 }],
    customers: [
      {
        number: "K20001",
        company: "Südwind Kunde GmbH",
        contact: "Sara Wind",
        email: "kunde3@kontor.example",
        domains: [{ name: "suedwind-kunde.example", pkg: "Web Plus", mailboxes: ["info"] }],
      },
    ],
  },
];

/** Creates the demo data unless the database already holds resellers. Returns whether it seeded. */
export async function seedDemo(db: SeedDb, password = DEMO_PASSWORD): Promise<boolean> {
  const existing = await firstRow(db.select({ n: count() }).from(schema.resellers));
  if ((existing?.n ?? 0) > 0) return false;
  const hash = () => hashPassword(password);
  // Hashes first: a transaction body must not wait for I/O (db/transaction.ts).
  const hashes: string[] = [];
  const needed =
    4 +
    RESELLERS.reduce(
      (n, r) =>
        n +
        1 +
        r.customers.reduce((m, c) => m + 1 + c.domains.reduce((k, d) => k + (d.mailboxes?.length ?? 0) + (d.accounts?.length ?? 0), 0), 0),
      0,
    );
  for (let i = 0; i < needed; i++) hashes.push(await hash());
  const nextHash = () => hashes.pop() as string;
  const now = new Date();

  await transaction(db, async (tx) => {
    await tx.insert(schema.users).values([
      {
        email: "admin@kontor.example",
        role: "admin",
        displayName: "Kontor Administration",
        passwordHash: nextHash(),
        passwordChangedAt: now,
      },
      {
        email: "support@kontor.example",
        role: "support",
        displayName: "Kontor Support",
        passwordHash: nextHash(),
        passwordChangedAt: now,
      },
    ]);
    for (const r of RESELLERS) {
      const reseller = await onlyRow(tx.insert(schema.resellers).values({ name: r.name, customerNumberBase: r.base }).returning());
      await tx.insert(schema.users).values({
        email: r.email,
        role: "reseller",
        resellerId: reseller.id,
        displayName: r.name,
        passwordHash: nextHash(),
        passwordChangedAt: now,
      });
      const pkgIds = new Map<string, { id: number; quota: number | null }>();
      for (const p of r.packages) {
        const row = await onlyRow(
          tx
            .insert(schema.packages)
            .values({
              resellerId: reseller.id,
              name: p.name,
              panel: p.panel,
              maxDomains: p.maxDomains,
              maxMailboxes: p.maxMailboxes,
              mailboxQuotaMb: p.quota,
              maxForwards: p.maxForwards,
            })
            .returning(),
        );
        pkgIds.set(p.name, { id: row.id, quota: p.quota });
      }
      for (const c of r.customers) {
        const customer = await onlyRow(
          tx
            .insert(schema.customers)
            .values({
              resellerId: reseller.id,
              customerNumber: c.number,
              company: c.company,
              contactName: c.contact,
              street: "Hauptstraße 1",
              postalCode: "12345",
              city: "Musterstadt",
              phone: "+49 30 1234567",
              contactEmail: c.email,
            })
            .returning(),
        );
        const tenant = { resellerId: reseller.id, customerId: customer.id };
        await tx.insert(schema.users).values({
          email: c.email,
          role: "customer",
          ...tenant,
          displayName: c.company,
          passwordHash: nextHash(),
          passwordChangedAt: now,
        });
        const subs = new Map<string, number>();
        for (const d of c.domains) {
          const pkg = pkgIds.get(d.pkg);
          if (!pkg) throw new Error(`unknown package ${d.pkg}`);
          // One subscription per package per customer in the demo.
          const subId =
            subs.get(d.pkg) ??
            (
              await onlyRow(
                tx
                  .insert(schema.subscriptions)
                  .values({ ...tenant, packageId: pkg.id })
                  .returning(),
              )
            ).id;
          subs.set(d.pkg, subId);
          const domainName = canonicalDomain(d.name);
          const domain = await onlyRow(
            tx
              .insert(schema.domains)
              .values({ ...tenant, subscriptionId: subId, name: domainName })
              .returning(),
          );
          for (const local of d.mailboxes ?? []) {
            const m = await onlyRow(
              tx
                .insert(schema.mailboxes)
                .values({
                  ...tenant,
                  domainId: domain.id,
                  localPart: local,
                  address: `${local}@${domainName}`,
                  passwordHash: nextHash(),
                  quotaMb: pkg.quota,
                  passwordChangedAt: now,
                })
                .returning(),
            );
            await tx.insert(schema.spamSettings).values({ mailboxId: m.id, ...tenant });
          }
          await tx
            .update(schema.domains)
            .set({ mailboxCount: sql`${schema.domains.mailboxCount} + ${d.mailboxes?.length ?? 0}` })
            .where(eq(schema.domains.id, domain.id));
          for (const a of d.aliases ?? []) {
            const alias = await onlyRow(
              tx
                .insert(schema.mailAliases)
                .values({ ...tenant, domainId: domain.id, localPart: a.local, address: `${a.local}@${domainName}` })
                .returning(),
            );
            await tx
              .insert(schema.mailAliasTargets)
              .values(a.targets.map((t) => ({ ...tenant, aliasId: alias.id, target: `${t}@${domainName}` })));
          }
          for (const a of d.accounts ?? []) {
            const login = `${c.number.toLowerCase()}.${String(a.number).padStart(3, "0")}`;
            const account = await onlyRow(
              tx
                .insert(schema.mailAccounts)
                .values({
                  ...tenant,
                  number: a.number,
                  login,
                  passwordHash: nextHash(),
                  quotaMb: pkg.quota,
                  passwordChangedAt: now,
                })
                .returning(),
            );
            for (const local of a.addresses) {
              await tx.insert(schema.mailAccountAddresses).values({
                ...tenant,
                mailAccountId: account.id,
                domainId: domain.id,
                localPart: local,
                address: `${local}@${domainName}`,
              });
            }
          }
        }
      }
    }
  });
  return true;
}
