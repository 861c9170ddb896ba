/**
 * A change made with an API key is recorded with the owner's login and the key's name as separate
 * fields, and each reader sees "<login> (API key “name”)" in their own language, not in German for all.
 */
import { createTranslator } from "use-intl/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { authenticateApiKey } from "@/lib/api/authenticate";
import { loadMessages } from "@/lib/i18n/load-messages";
import { LOCALES } from "@/lib/i18n/locales";
import { createApiKey } from "@/lib/services/api-keys/manage-api-keys";
import { auditActorText } from "@/lib/services/audit/actor-text";
import { listAudit } from "@/lib/services/audit/list-audit";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { createApiKeySchema } from "@/lib/validation/api-key";
import { auditQuerySchema } from "@/lib/validation/audit";
import { aCustomer, emptyDb } from "../support/factories";

beforeEach(() => {
  vi.stubEnv("AUTH_SECRET", "unit-test-secret-of-sufficient-length-123");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const EXPECTED = {
  de: (login: string) => `${login} (API-Schlüssel „Abrechnung“)`,
  en: (login: string) => `${login} (API key “Abrechnung”)`,
  it: (login: string) => `${login} (chiave API «Abrechnung»)`,
};

describe("audit entries of API keys", () => {
  it("stores login and key name apart and phrases them in the reader's language", async () => {
    const { db } = await emptyDb();
    const customer = await aCustomer(db);
    const { token } = await createApiKey(
      customer.actor,
      createApiKeySchema.parse({ name: "Abrechnung", scopes: ["audit:read"] }),
      null,
      db,
    );
    const caller = await authenticateApiKey(db, `Bearer ${token}`);
    await writeAudit(db, caller.actor, { action: "ticket.create", resellerId: customer.resellerId, customerId: customer.id });
    await writeAudit(db, customer.actor, { action: "ticket.reply", resellerId: customer.resellerId, customerId: customer.id });
    const items = (await listAudit(customer.actor, auditQuerySchema.parse({ action: "ticket." }), db)).items;
    const api = items.find((e) => e.action === "ticket.create");
    const panel = items.find((e) => e.action === "ticket.reply");
    expect(api).toMatchObject({ actorLabel: customer.actor.label, actorApiKey: "Abrechnung" });
    expect(panel).toMatchObject({ actorLabel: customer.actor.label, actorApiKey: null });
    for (const locale of LOCALES) {
      const t = createTranslator({ locale, messages: loadMessages(locale), namespace: "audit" }) as unknown as Parameters<
        typeof auditActorText
      >[0];
      expect(auditActorText(t, api ?? { actorLabel: "", actorApiKey: null })).toBe(EXPECTED[locale](customer.actor.label));
      expect(auditActorText(t, panel ?? { actorLabel: "", actorApiKey: null })).toBe(customer.actor.label);
    }
  });
});
