/**
 * The import page's list of subscriptions ("K10001 · Paket · first domain"), on SQLite and in the
 * unit-pg project on PostgreSQL, which refuses a GROUP BY that leaves out a selected column.
 */
import { describe, expect, it } from "vitest";
import { listImportTargets } from "@/lib/services/import/import-targets";
import { aCustomerWithPackage, aDomain, anAdmin, emptyDb } from "../support/factories";

describe("listImportTargets", () => {
  it("names each subscription by customer number, package and its first domain; panel-less packages too (mail accounts)", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db, { package: { name: "Tarif Süd", panel: "plesk9" }, domain: "zweite.example" });
    await aDomain(db, sub, "erste.example");
    const mail = await aCustomerWithPackage(db, { package: { name: "Nur Mail", panel: "none" }, domain: "post.example" });
    const targets = await listImportTargets(await anAdmin(db), db);
    const own = { id: sub.subscriptionId, label: `${sub.customer.customerNumber} · Tarif Süd · erste.example` };
    expect(targets).toEqual([own, { id: mail.subscriptionId, label: `${mail.customer.customerNumber} · Nur Mail · post.example` }]);
    expect(await listImportTargets(sub.customer.actor, db)).toEqual([own]);
  });
});
