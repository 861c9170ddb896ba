import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditLog, packages } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { getPackageOrThrow } from "@/lib/services/packages/get-package";
import { listPackagesWithUsage } from "@/lib/services/packages/list-packages-with-usage";
import { createPackage, deletePackage, updatePackage } from "@/lib/services/packages/save-package";
import { createPackageSchema } from "@/lib/validation/package";
import { createSeededDb } from "../support/seeded-db";
import { actorsOf, type Handle } from "../support/reseller-admin/actors";

let handle: Handle;
let as: ReturnType<typeof actorsOf>;
beforeAll(async () => {
  handle = await createSeededDb();
  as = actorsOf(handle);
});
const base = { panel: "plesk10" as const, maxDomains: 3, maxMailboxes: null, mailboxQuotaMb: 2048, maxForwards: 0, spamFilterEnabled: true, forwardingEnabled: false };

describe("packages (Tarife)", () => {
  it("parses form data: empty limits are unlimited, unticked boxes false, junk refused", () => {
    const ok = createPackageSchema.safeParse({ name: " Neu ", panel: "none", maxDomains: "", maxMailboxes: "5", mailboxQuotaMb: "", maxForwards: "0", spamFilterEnabled: "on" });
    expect(ok.success && ok.data).toEqual({ name: "Neu", panel: "none", maxDomains: null, maxMailboxes: 5, mailboxQuotaMb: null, maxForwards: 0, spamFilterEnabled: true, forwardingEnabled: false });
    const bad = createPackageSchema.safeParse({ name: "", panel: "plesk11", maxDomains: "-1", maxMailboxes: "1.5", mailboxQuotaMb: "abc", maxForwards: "", resellerId: "2" });
    expect(bad.success).toBe(false);
    const fields = bad.success ? {} : z.flattenError(bad.error).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["mailboxQuotaMb", "maxDomains", "maxMailboxes", "name", "panel"]);
  });

  it("creates, edits and deletes a package with audit entries", () => {
    const reseller = as.reseller();
    const id = createPackage(reseller, { ...base, name: "Profi" }, null, handle.db);
    expect(() => createPackage(reseller, { ...base, name: "Profi" }, null, handle.db)).toThrow(ValidationError);
    updatePackage(reseller, id, { ...base, name: "Profi XL", maxDomains: null }, null, handle.db);
    expect(getPackageOrThrow(reseller, id, handle.db)).toMatchObject({ name: "Profi XL", maxDomains: null, forwardingEnabled: false });
    expect(listPackagesWithUsage(reseller, handle.db).find((p) => p.id === id)?.subscriptionCount).toBe(0);
    deletePackage(reseller, id, null, handle.db);
    expect(handle.db.select().from(packages).where(eq(packages.id, id)).get()).toBeUndefined();
    const actions = handle.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id)).all().map((r) => r.a);
    expect(actions).toEqual(["package.create", "package.update", "package.delete"]);
  });

  it("refuses deleting a package in use and a no-panel package without a mailbox", () => {
    const reseller = as.reseller();
    const used = listPackagesWithUsage(reseller, handle.db).find((p) => p.name === "Business");
    expect(used?.subscriptionCount).toBe(2);
    expect(() => deletePackage(reseller, used?.id ?? 0, null, handle.db)).toThrow(ValidationError);
    expect(() => createPackage(reseller, { ...base, name: "Leer", panel: "none", maxMailboxes: 0 }, null, handle.db)).toThrow(ValidationError);
  });

  it("keeps packages inside their reseller (404) and closed to other roles", () => {
    const foreign = listPackagesWithUsage(as.reseller(), handle.db).find((p) => p.name === "Mail Basic")?.id ?? 0;
    const r2 = as.reseller2();
    expect(listPackagesWithUsage(r2, handle.db).map((p) => p.name)).toEqual(["Web Plus"]);
    expect(() => getPackageOrThrow(r2, foreign, handle.db)).toThrow(NotFoundError);
    expect(() => updatePackage(r2, foreign, { ...base, name: "Gekapert" }, null, handle.db)).toThrow(NotFoundError);
    expect(() => deletePackage(r2, foreign, null, handle.db)).toThrow(NotFoundError);
    expect(() => createPackage(as.user("kunde@kontor.example"), { ...base, name: "X" }, null, handle.db)).toThrow(ForbiddenError);
    expect(getPackageOrThrow(as.reseller(), foreign, handle.db).name).toBe("Mail Basic");
  });
});
