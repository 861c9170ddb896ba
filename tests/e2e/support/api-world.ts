import crypto from "node:crypto";
import { buildCustomer, buildDomain, buildMailbox, buildPackage, buildReseller, buildSubscription } from "@/db/builders";
import { hashPassword } from "@/lib/auth/password-hash";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { createApiKey } from "@/lib/services/api-keys/manage-api-keys";
import { createApiKeySchema } from "@/lib/validation/api-key";
import { anAdmin, shareNumbering } from "../../support/factories";
import { openRunDb } from "../../support/run-db";

/**
 * A world of its own in the running panel's database for the API and CLI tests: per tenant a
 * reseller, a customer with a Plesk package, a domain and info@ of it, under names with a random tag
 * (the demo seed's names are not used), and an administration of its own. Keys are made through the
 * key service, so the server (same AUTH_SECRET, set by scripts/test-all.sh) accepts them.
 */
export const API_TEST_PASSWORD = "Wacholder-Kiesel-Bucht-58";

export type ApiTenant = {
  reseller: Actor;
  customer: Actor;
  packageId: number;
  subscriptionId: number;
  domain: string;
  mailboxId: number;
  address: string;
};

export function openApiWorld() {
  const { db, close } = openRunDb();
  const tag = crypto.randomBytes(3).toString("hex");

  async function tenant(name: string): Promise<ApiTenant> {
    const hash = await hashPassword(API_TEST_PASSWORD);
    const base = 600000 + crypto.randomInt(0, 39000) * 10;
    const r = await buildReseller(db, {
      name: `API ${name} ${tag}`,
      customerNumberBase: base,
      email: `api-${name}-${tag}@reseller.example`,
      passwordHash: hash,
    });
    const c = await buildCustomer(db, r.id, {
      company: `API ${name}`,
      contactName: "Test",
      contactEmail: `api-${name}-${tag}@kunde.example`,
      passwordHash: hash,
      stammdatenConfirmed: true,
    });
    const packageId = await buildPackage(db, r.id, {
      name: `API ${name}`,
      panel: "plesk10",
      maxDomains: 5,
      maxMailboxes: 50,
      mailboxQuotaMb: 4096,
      maxForwards: 10,
      spamFilterEnabled: true,
      forwardingEnabled: true,
    });
    const owner = { resellerId: r.id, customerId: c.id };
    const subscriptionId = await buildSubscription(db, owner, packageId);
    const domain = `api-${name}-${tag}.example`;
    const d = await buildDomain(db, owner, subscriptionId, domain);
    const m = await buildMailbox(db, owner, { id: d.id, name: domain }, "info", { passwordHash: hash, quotaMb: 1024 });
    const actor = async (id: number) => (await loadActor(db, "user", id)) as Actor;
    return {
      reseller: await actor(r.userId),
      customer: await actor(c.userId),
      packageId,
      subscriptionId,
      domain,
      mailboxId: m.id,
      address: `info@${domain}`,
    };
  }

  const keyFor = async (actor: Actor, scopes: string[], name = "Skript") =>
    (await createApiKey(actor, createApiKeySchema.parse({ name: `${name} ${tag}`, scopes }), null, db)).token;

  /** An administration of the world's own: resellers are its to manage. */
  async function admin(): Promise<Actor> {
    shareNumbering(db);
    return await anAdmin(db);
  }

  return { db, close, tag, tenant, keyFor, admin };
}
