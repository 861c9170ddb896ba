import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditLog, packages } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { getPackageOrThrow } from "@/lib/services/packages/get-package";
import { listPackagesWithUsage } from "@/lib/services/packages/list-packages-with-usage";
import { createPackage, deletePackage, updatePackage } from "@/lib/services/packages/save-package";
import { createPackageSchema } from "@/lib/validation/package";
import { aCustomer, aCustomerWithPackage, aPackage, aReseller, emptyDb, type TestReseller } from "../support/factories";
import { firstRow } from "@/db/rows";

/** Each test builds its own resellers and packages on an empty database. */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let r1: TestReseller;
beforeEach(async () => {
  handle = await emptyDb();
  r1 = await aReseller(handle.db);
});
const base = {
  panel: "plesk10" as const,
  maxDomains: 3,
  maxMailboxes: null,
  mailboxQuotaMb: 2048,
  maxForwards: 0,
  spamFilterEnabled: true,
  forwardingEnabled: false,
};

describe("packages (Tarife)", () => {
  it("parses form data: empty limits are unlimited, unticked boxes false, junk refused", () => {
    const ok = createPackageSchema.safeParse({
      name: " Neu ",
      panel: "none",
      maxDomains: "",
      maxMailboxes: "5",
      mailboxQuotaMb: "",
      maxForwards: "0",
      spamFilterEnabled: "on",
    });
    expect(ok.success && ok.data).toEqual({
      name: "Neu",
      panel: "none",
      maxDomains: null,
      maxMailboxes: 5,
      mailboxQuotaMb: null,
      maxForwards: 0,
      spamFilterEnabled: true,
      forwardingEnabled: false,
    });
    const bad = createPackageSchema.safeParse({
      name: "",
      panel: "plesk11",
      maxDomains: "-1",
      maxMailboxes: "1.5",
      mailboxQuotaMb: "abc",
      maxForwards: "",
      resellerId: "2",
    });
    expect(bad.success).toBe(false);
    const fields = bad.success ? {} : z.flattenError(bad.error).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["mailboxQuotaMb", "maxDomains", "maxMailboxes", "name", "panel"]);
  });

  it("creates, edits and deletes a package with audit entries", async () => {
    const reseller = r1.actor;
    const id = await createPackage(reseller, { ...base, name: "Profi" }, null, handle.db);
    await expect(async () => await createPackage(reseller, { ...base, name: "Profi" }, null, handle.db)).rejects.toThrow(ValidationError);
    await updatePackage(reseller, id, { ...base, name: "Profi XL", maxDomains: null }, null, handle.db);
    expect(await getPackageOrThrow(reseller, id, handle.db)).toMatchObject({
      name: "Profi XL",
      maxDomains: null,
      forwardingEnabled: false,
    });
    expect((await listPackagesWithUsage(reseller, handle.db)).find((p) => p.id === id)?.subscriptionCount).toBe(0);
    await deletePackage(reseller, id, null, handle.db);
    expect(await firstRow(handle.db.select().from(packages).where(eq(packages.id, id)))).toBeUndefined();
    const actions = (await handle.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id))).map((r) => r.a);
    expect(actions).toEqual(["package.create", "package.update", "package.delete"]);
  });

  it("refuses deleting a package in use and a no-panel package without a mailbox", async () => {
    const reseller = r1.actor;
    const business = await aPackage(handle.db, r1, { name: "Business" });
    await aCustomerWithPackage(handle.db, { reseller: r1, packageId: business });
    await aCustomerWithPackage(handle.db, { reseller: r1, packageId: business });
    const used = (await listPackagesWithUsage(reseller, handle.db)).find((p) => p.name === "Business");
    expect(used?.subscriptionCount).toBe(2);
    await expect(async () => await deletePackage(reseller, used?.id ?? 0, null, handle.db)).rejects.toThrow(ValidationError);
    await expect(
      async () => await createPackage(reseller, { ...base, name: "Leer", panel: "none", maxMailboxes: 0 }, null, handle.db),
    ).rejects.toThrow(ValidationError);
  });

  it("keeps packages inside their reseller (404) and closed to other roles", async () => {
    const foreign = await aPackage(handle.db, r1, { name: "Mail Basic", panel: "none" });
    const other = await aReseller(handle.db);
    await aPackage(handle.db, other, { name: "Web Plus" });
    const r2 = other.actor;
    expect((await listPackagesWithUsage(r2, handle.db)).map((p) => p.name)).toEqual(["Web Plus"]);
    await expect(async () => await getPackageOrThrow(r2, foreign, handle.db)).rejects.toThrow(NotFoundError);
    await expect(async () => await updatePackage(r2, foreign, { ...base, name: "Gekapert" }, null, handle.db)).rejects.toThrow(
      NotFoundError,
    );
    await expect(async () => await deletePackage(r2, foreign, null, handle.db)).rejects.toThrow(NotFoundError);
    const customer = (await aCustomer(handle.db, r1)).actor;
    await expect(async () => await createPackage(customer, { ...base, name: "X" }, null, handle.db)).rejects.toThrow(ForbiddenError);
    expect((await getPackageOrThrow(r1.actor, foreign, handle.db)).name).toBe("Mail Basic");
  });
});
