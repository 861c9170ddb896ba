/**
 * Staff who must set up a second factor are refused by every non-public action, not only sent to
 * enrolment by the pages: a crafted POST changes nothing until a factor exists.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { mfaFactors, packages } from "@/db/schema";
import { IDLE } from "@/lib/actions/action-state";
import type { Actor } from "@/lib/authz/actor";
import { aReseller, emptyDb, TEST_PASSWORD } from "../support/factories";
import { logInAs } from "../support/request-session";
import { firstRow } from "@/db/rows";

const state = vi.hoisted((): { db: unknown } => ({ db: undefined }));
vi.mock("@/db", () => ({ getDb: () => state.db }));
// A real session cookie per actor (tests/support/request-session.ts) in a stand-in for Next's request
// scope; next-auth's handle is stood in for because renewing the cookie needs that scope.
vi.mock("next/headers", async () => (await import("../support/request-session")).nextHeaders());
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));
vi.mock("@/lib/auth/client-ip", () => ({ clientIp: async () => "192.0.2.8" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({ redirect: () => undefined, notFound: () => undefined, unstable_rethrow: () => undefined }));
vi.mock("next-intl/server", () => ({ getTranslations: async () => Object.assign((key: string) => key, { has: () => true }) }));

const { createPackageAction } = await import("@/app/(reseller)/reseller/packages/actions");
const { startTotpAction } = await import("@/components/mfa/actions");

/** Each test starts from its own database and a reseller without a second factor. */
let h: Awaited<ReturnType<typeof emptyDb>>;
let reseller: Actor;
beforeEach(async () => {
  h = await emptyDb();
  state.db = h.db;
  reseller = (await aReseller(h.db)).actor;
});

const form = (name: string) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ name, panel: "plesk10", maxMailboxes: "5", maxDomains: "1", mailboxQuotaMb: "", maxForwards: "" }))
    fd.append(k, v);
  return fd;
};
const packageNamed = async (name: string) => await firstRow(h.db.select().from(packages).where(eq(packages.name, name)));

describe("staff without a required second factor", () => {
  it("are refused by a reseller action, which writes nothing", async () => {
    await logInAs(reseller);
    expect(await h.db.select().from(mfaFactors).where(eq(mfaFactors.userId, reseller.id))).toEqual([]);
    const result = await createPackageAction(IDLE, form("Tarif ohne Faktor"));
    expect(result).toMatchObject({ status: "error", formError: "errors.enrolFirst" });
    expect(await packageNamed("Tarif ohne Faktor")).toBeUndefined();
  });

  it("may still start setting up a factor (the enrolment actions stay open)", async () => {
    await logInAs(reseller);
    const fd = new FormData();
    fd.append("password", TEST_PASSWORD);
    const result = await startTotpAction(IDLE, fd);
    expect(result).toMatchObject({ status: "success" });
  });

  it("may use it once a factor is set up", async () => {
    await logInAs(reseller);
    await h.db.insert(mfaFactors).values({
      userId: reseller.id,
      kind: "webauthn",
      label: "Schlüssel",
      credentialId: "cred-enrol-test",
      publicKey: "pk",
      confirmedAt: new Date(),
    });
    const result = await createPackageAction(IDLE, form("Tarif mit Faktor"));
    expect(result.status === "error" ? result : "ok").toBe("ok");
    expect(await packageNamed("Tarif mit Faktor")).toMatchObject({ panel: "plesk10" });
  });
});
