import "server-only";
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { type Db, getDb } from "@/db";
import { mfaFactors } from "@/db/schema";
import { openSecret, sealSecret } from "./secret-box";
import { onlyRow, firstRow } from "@/db/rows";

const ISSUER = "Kontor KundenServiceCenter";
/** ±30 s: one step of clock drift either way, as authenticator apps commonly need. */
const TOLERANCE_SECONDS = 30;

export type TotpEnrolment = { factorId: number; secret: string; uri: string; qrDataUrl: string };

/**
 * Starts a TOTP enrolment: a fresh secret, sealed at rest, in an unconfirmed factor row that does not
 * count as a second factor until a code from the app confirms it. Older unconfirmed rows are dropped.
 */
export async function beginTotpEnrolment(userId: number, accountLabel: string, db: Db = getDb()): Promise<TotpEnrolment> {
  const secret = generateSecret();
  await db.delete(mfaFactors).where(and(eq(mfaFactors.userId, userId), eq(mfaFactors.kind, "totp"), isNull(mfaFactors.confirmedAt)));
  const row = await onlyRow(
    db
      .insert(mfaFactors)
      .values({ userId, kind: "totp", label: "Authenticator", secretSealed: sealSecret(secret) })
      .returning({ id: mfaFactors.id }),
  );
  const uri = generateURI({ issuer: ISSUER, label: accountLabel, secret });
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1, width: 220 });
  return { factorId: row.id, secret, uri, qrDataUrl };
}

/** The matched time step of a 6-digit code, or undefined; steps at or before `afterTimeStep` never match. */
export async function matchTotp(
  secret: string,
  code: string,
  afterTimeStep: number | null,
  nowMs = Date.now(),
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterTimeStep !== null ? { afterTimeStep } : {}),
  });
  return result.valid && "timeStep" in result ? result.timeStep : undefined;
}

/**
 * Records the step as used, unless another request used this or a later step first: the conditional
 * UPDATE is what makes each code work exactly once even under concurrent submissions.
 */
async function claimStep(db: Db, factorId: number, step: number, confirm: boolean): Promise<boolean> {
  const now = new Date();
  const row = await firstRow(
    db
      .update(mfaFactors)
      .set({ lastTimeStep: step, lastUsedAt: now, ...(confirm ? { confirmedAt: now } : {}) })
      .where(and(eq(mfaFactors.id, factorId), or(isNull(mfaFactors.lastTimeStep), lt(mfaFactors.lastTimeStep, step))))
      .returning({ id: mfaFactors.id }),
  );
  return !!row;
}

/** Confirms an unconfirmed TOTP factor of this user with its first code. */
export async function confirmTotpFactor(userId: number, factorId: number, code: string, label: string, db: Db = getDb()): Promise<boolean> {
  const factor = await firstRow(
    db
      .select({ id: mfaFactors.id, secretSealed: mfaFactors.secretSealed, lastTimeStep: mfaFactors.lastTimeStep })
      .from(mfaFactors)
      .where(and(eq(mfaFactors.id, factorId), eq(mfaFactors.userId, userId), eq(mfaFactors.kind, "totp"), isNull(mfaFactors.confirmedAt))),
  );
  if (!factor?.secretSealed) return false;
  const step = await matchTotp(openSecret(factor.secretSealed), code, factor.lastTimeStep);
  if (step === undefined || !(await claimStep(db, factor.id, step, true))) return false;
  await db.update(mfaFactors).set({ label }).where(eq(mfaFactors.id, factor.id));
  return true;
}

/** Checks a code against every confirmed TOTP factor of the user and spends its time step. */
export async function spendTotpCode(userId: number, code: string, db: Db = getDb()): Promise<boolean> {
  const factors = await db
    .select({ id: mfaFactors.id, secretSealed: mfaFactors.secretSealed, lastTimeStep: mfaFactors.lastTimeStep })
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), eq(mfaFactors.kind, "totp"), isNotNull(mfaFactors.confirmedAt)));
  for (const factor of factors) {
    if (!factor.secretSealed) continue;
    const step = await matchTotp(openSecret(factor.secretSealed), code, factor.lastTimeStep);
    if (step !== undefined) return await claimStep(db, factor.id, step, false);
  }
  return false;
}
