/**
 * Export of a domain with more mailboxes than SQLite takes parameters in one statement (32,766): the
 * export scopes every query by a join to the subscription, so no list of mailbox ids is ever sent.
 * SQLite only (not in unit-pg): the limit is SQLite's; PostgreSQL runs the same joins in export.test.ts.
 */
import { describe, expect, it } from "vitest";
import { forwards, mailboxes, senderRules } from "@/db/schema";
import { exportSubscription } from "@/lib/services/import/export-data";
import { aCustomerWithPackage, anAdmin, emptyDb, testPasswordHash } from "../support/factories";

const MAILBOXES = 33_000;

describe("export of a large domain", () => {
  it(
    `exports ${MAILBOXES.toLocaleString("en")} mailboxes of one domain with their forwards and sender lists`,
    { timeout: 120_000 },
    async () => {
      const { db } = await emptyDb();
      const sub = await aCustomerWithPackage(db, { package: { maxMailboxes: null } });
      const tenant = { resellerId: sub.reseller.id, customerId: sub.customer.id };
      const passwordHash = await testPasswordHash();
      // Bulk insert in chunks that stay below the parameter limit themselves (9 columns a row).
      const ids: number[] = [];
      for (let from = 0; from < MAILBOXES; from += 2000) {
        const rows = Array.from({ length: Math.min(2000, MAILBOXES - from) }, (_, i) => {
          const localPart = `m${String(from + i).padStart(5, "0")}`;
          return { ...tenant, domainId: sub.domain.id, localPart, address: `${localPart}@${sub.domain.name}`, passwordHash, quotaMb: 10 };
        });
        ids.push(...(await db.insert(mailboxes).values(rows).returning({ id: mailboxes.id })).map((r) => r.id));
      }
      const last = ids[ids.length - 1];
      await db.insert(forwards).values({ ...tenant, mailboxId: last, target: "weiter@example.net" });
      await db.insert(senderRules).values({ ...tenant, mailboxId: ids[0], kind: "block", pattern: "@spam.example" });

      const data = await exportSubscription(await anAdmin(db), sub.subscriptionId, { withHashes: false, format: "json" }, db);
      const boxes = data.domains[0].mailboxes;
      expect(boxes).toHaveLength(MAILBOXES);
      expect(boxes[MAILBOXES - 1]).toMatchObject({ address: `m32999@${sub.domain.name}`, forwards: ["weiter@example.net"] });
      expect(boxes[0].senders.block).toEqual(["@spam.example"]);
      expect(boxes.filter((b) => b.forwards.length)).toHaveLength(1);
    },
  );
});
