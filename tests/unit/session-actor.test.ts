/**
 * getActor's one query per request (lib/auth/session-actor.ts) must answer exactly what the separate
 * reads did: the account as loadActor sees it, nothing for a revoked session or a disabled account,
 * and for staff whether a second factor must still be enrolled, read afresh on every request.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailAccounts, mailboxes, mfaFactors, users } from "@/db/schema";
import { userHasSecondFactor } from "@/lib/auth/mfa/factors";
import { roleMustEnrol, setMfaPolicy } from "@/lib/auth/mfa/policy";
import { loadActor } from "@/lib/auth/principals";
import { newSessionId, revokeSession } from "@/lib/auth/revoked-sessions";
import { loadSessionActor, mustEnrolAsLoaded } from "@/lib/auth/session-actor";
import type { Actor } from "@/lib/authz/actor";
import { aCustomer, aDomainWithMailboxes, aMailAccount, aReseller, aSupport, emptyDb, type TestDb } from "../support/factories";

const principal = (actor: Actor, sid = newSessionId()) => ({
  kind: actor.kind,
  id: actor.id,
  sv: actor.sessionVersion,
  sid,
  at: Date.now(),
});

/** What the separate queries before answered for mustEnrol (lib/auth/mfa/enrolment.ts's fallback). */
const mustEnrolSlowly = async (db: TestDb, actor: Actor) =>
  actor.kind === "user" && (await roleMustEnrol(actor.role, db)) && !(await userHasSecondFactor(db, actor.id));

describe("the session's actor in one query", () => {
  it("is the account loadActor reads, for every kind of login, and nothing once the session is revoked", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 1);
    const mail = await aMailAccount(db);
    for (const actor of [sub.customer.actor, sub.mailboxes[0].actor, mail.admin.actor, await aSupport(db)]) {
      const p = principal(actor);
      expect(await loadSessionActor(db, p)).toEqual(await loadActor(db, actor.kind, actor.id));
      expect(await loadSessionActor(db, p)).toMatchObject({ kind: actor.kind, id: actor.id });
      await revokeSession(db, p.sid);
      expect(await loadSessionActor(db, p)).toBeUndefined();
      // Another session of the same account is not affected.
      expect(await loadSessionActor(db, principal(actor))).toMatchObject({ id: actor.id });
    }
  });

  it("finds nothing for a disabled account, a disabled mailbox or mail account, or a .002 account", async () => {
    const { db } = await emptyDb();
    const sub = await aDomainWithMailboxes(db, 1);
    const mail = await aMailAccount(db, { extraAccounts: 1 });
    const [customer, mailbox, admin] = [sub.customer.actor, sub.mailboxes[0].actor, mail.admin.actor];
    await db.update(users).set({ disabled: true }).where(eq(users.id, customer.id));
    await db.update(mailboxes).set({ enabled: false }).where(eq(mailboxes.id, mailbox.id));
    await db.update(mailAccounts).set({ enabled: false }).where(eq(mailAccounts.id, admin.id));
    for (const actor of [customer, mailbox, admin]) expect(await loadSessionActor(db, principal(actor))).toBeUndefined();
    const second = { ...admin, id: mail.accounts[0].id };
    expect(await loadSessionActor(db, principal(second))).toBeUndefined();
  });

  it("tells whether staff must enrol a second factor, as the policy and factors stand at this request", async () => {
    const { db } = await emptyDb();
    const support = await aSupport(db);
    const reseller = (await aReseller(db)).actor;
    const customer = (await aCustomer(db)).actor;
    const enrol = async (actor: Actor) => {
      const loaded = await loadSessionActor(db, principal(actor));
      if (!loaded) throw new Error("no actor");
      const fast = mustEnrolAsLoaded(loaded);
      expect(fast).toBe(await mustEnrolSlowly(db, loaded));
      return fast;
    };
    // The default policy requires a factor of staff, not of customers.
    expect([await enrol(support), await enrol(reseller), await enrol(customer)]).toEqual([true, true, false]);
    await db.insert(mfaFactors).values({ userId: support.id, kind: "totp", label: "App", secretSealed: "sealed", confirmedAt: null });
    expect(await enrol(support)).toBe(true); // an unconfirmed factor does not count
    await db.update(mfaFactors).set({ confirmedAt: new Date() }).where(eq(mfaFactors.userId, support.id));
    expect(await enrol(support)).toBe(false);
    await setMfaPolicy({ enforceStaff: false }, db);
    expect(await enrol(reseller)).toBe(false);
    await setMfaPolicy({ enforceStaff: true }, db);
    expect(await enrol(reseller)).toBe(true);
  });
});
