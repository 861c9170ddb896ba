import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { resellers, users } from "@/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { createReseller } from "@/lib/services/resellers/create-reseller";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";
import { getServerSettings } from "@/lib/services/settings/server-settings";
import { updatePasswordPolicy, updateServerSettings } from "@/lib/services/settings/update-settings";
import { createResellerSchema } from "@/lib/validation/reseller";
import { serverSettingsFormSchema } from "@/lib/validation/settings";
import type { Actor } from "@/lib/authz/actor";
import { actorOf, anAdmin, aReseller, aSupport, emptyDb, type TestDb } from "../support/factories";
import { firstRow } from "@/db/rows";

let handle: { db: TestDb };
let admin: Actor;
let reseller: Actor;
let support: Actor;
beforeAll(async () => {
  handle = await emptyDb();
  admin = await anAdmin(handle.db);
  reseller = (await aReseller(handle.db)).actor;
  support = await aSupport(handle.db);
});
const server = {
  imapHost: "imap.hoster.example",
  imapPort: 993,
  imapEncryption: "ssl" as const,
  smtpHost: "smtp.hoster.example",
  smtpPort: 465,
  smtpEncryption: "ssl" as const,
  publicUrl: "https://panel.hoster.example",
};

describe("admin settings", () => {
  it("stores the password policy option and the server addresses", async () => {
    await updatePasswordPolicy(admin, { requireClasses: true }, null, handle.db);
    expect(await getPasswordPolicyOptions(handle.db)).toEqual({ requireClasses: true });
    await updateServerSettings(admin, server, null, handle.db);
    expect(await getServerSettings(handle.db)).toEqual(server);
    await expect(async () => await updatePasswordPolicy(reseller, { requireClasses: false }, null, handle.db)).rejects.toThrow(
      ForbiddenError,
    );
    await expect(async () => await updateServerSettings(support, server, null, handle.db)).rejects.toThrow(ForbiddenError);
  });

  it("validates server settings form data", () => {
    const ok = serverSettingsFormSchema.safeParse({ ...server, imapPort: "993", smtpPort: "587", publicUrl: "https://panel.example/" });
    expect(ok.success && ok.data.publicUrl).toBe("https://panel.example");
    const bad = serverSettingsFormSchema.safeParse({
      ...server,
      imapHost: "not a host",
      smtpPort: "70000",
      publicUrl: "javascript:alert(1)",
    });
    const fields = bad.success ? {} : z.flattenError(bad.error).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["imapHost", "publicUrl", "smtpPort"]);
  });
});

describe("resellers", () => {
  it("creates a reseller whose customers count from its base", async () => {
    const input = createResellerSchema.parse({ name: "Ostsee Hosting", customerNumberBase: "30000", email: "Ostsee@Example.test" });
    const r = await createReseller(admin, input, null, handle.db);
    expect(r.login).toBe("ostsee@example.test");
    await expect(createReseller(admin, { ...input, email: "anders@example.test" }, null, handle.db)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(createReseller(reseller, { ...input, customerNumberBase: 40000 }, null, handle.db)).rejects.toBeInstanceOf(ForbiddenError);
    const ostsee = await actorOf(
      handle.db,
      "user",
      (await firstRow(handle.db.select().from(users).where(eq(users.email, r.login))))?.id ?? 0,
    );
    expect(ostsee.role).toBe("reseller");
    const c = await createCustomer(
      ostsee,
      { company: "", contactName: "O", street: "", postalCode: "", city: "", country: "DE", phone: "", contactEmail: "o@example.test" },
      null,
      handle.db,
    );
    expect(c.customerNumber).toBe("K30001");
    expect((await firstRow(handle.db.select().from(resellers).where(eq(resellers.id, r.id))))?.customerNumberBase).toBe(30000);
    expect((await handle.db.select({ role: users.role }).from(users).where(eq(users.resellerId, r.id))).map((u) => u.role).sort()).toEqual([
      "customer",
      "reseller",
    ]);
  });
});
