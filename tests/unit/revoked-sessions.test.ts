import { describe, expect, it } from "vitest";
import { revokedSessions } from "@/db/schema";
import { newSessionId, revokeSession, SESSION_MAX_AGE_S } from "@/lib/auth/revoked-sessions";
import { loadSessionActor } from "@/lib/auth/session-actor";
import { aCustomer, aReseller, emptyDb } from "../support/factories";

describe("revoked sessions", () => {
  it("refuse a logged-out session id until its cookie would have expired, and forget it afterwards", async () => {
    const { db } = await emptyDb();
    const customer = await aCustomer(db, await aReseller(db));
    const [a, b] = [newSessionId(), newSessionId()];
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(22);
    const session = (sid: string) => loadSessionActor(db, { kind: "user", id: customer.userId, sv: 0, sid, at: Date.now() });
    const t0 = Date.now();
    await revokeSession(db, a, t0);
    expect(await session(a)).toBeUndefined();
    expect(await session(b)).toMatchObject({ kind: "user", id: customer.userId });
    await revokeSession(db, a, t0 + 1000); // twice is fine
    // Once a's cookie has expired, the next logout removes its entry.
    await revokeSession(db, b, t0 + SESSION_MAX_AGE_S * 1000 + 1);
    expect((await db.select().from(revokedSessions)).map((r) => r.sid)).toEqual([b]);
  });
});
