import "server-only";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { and, eq, gt, isNotNull } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mfaFactors, mfaRegistrations } from "@/db/schema";
import { getServerSettings } from "@/lib/services/settings/server-settings";
import { firstRow } from "@/db/rows";

const CHALLENGE_TTL_MS = 5 * 60 * 1000;

/**
 * Loaded at the first security-key step, not with the server: the library and its ASN.1 and CBOR
 * parsers would sit in every worker's memory (with nodemailer, 3-5 MB per worker at start) for a step
 * most sign-ins never reach.
 */
const simpleWebAuthn = () => import("@simplewebauthn/server");

/** The relying party is the configured public URL: its host is the rpID, its origin the only one accepted. */
export async function relyingParty(db: Db = getDb()) {
  const url = new URL((await getServerSettings(db)).publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: "Kontor KundenServiceCenter" };
}

async function userKeys(db: Db, userId: number) {
  return (
    await db
      .select({
        id: mfaFactors.id,
        credentialId: mfaFactors.credentialId,
        publicKey: mfaFactors.publicKey,
        signCount: mfaFactors.signCount,
        transports: mfaFactors.transports,
      })
      .from(mfaFactors)
      .where(and(eq(mfaFactors.userId, userId), eq(mfaFactors.kind, "webauthn"), isNotNull(mfaFactors.confirmedAt)))
  ).flatMap((k) => (k.credentialId && k.publicKey ? [{ ...k, credentialId: k.credentialId, publicKey: k.publicKey }] : []));
}

/** Options for navigator.credentials.create(); keys the user already has are excluded. */
export async function beginKeyRegistration(userId: number, userName: string, db: Db = getDb()) {
  const rp = await relyingParty(db);
  const { generateRegistrationOptions } = await simpleWebAuthn();
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName,
    userID: new TextEncoder().encode(`kontor-user-${userId}`),
    attestationType: "none",
    excludeCredentials: (await userKeys(db, userId)).map((k) => ({ id: k.credentialId, transports: k.transports ?? undefined })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  const values = { userId, challenge: options.challenge, expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) };
  await db.insert(mfaRegistrations).values(values).onConflictDoUpdate({ target: mfaRegistrations.userId, set: values });
  return options;
}

/** Verifies the authenticator's answer against the stored challenge (used once) and stores the key. */
export async function finishKeyRegistration(
  userId: number,
  response: RegistrationResponseJSON,
  label: string,
  db: Db = getDb(),
): Promise<boolean> {
  const open = await firstRow(
    db
      .delete(mfaRegistrations)
      .where(and(eq(mfaRegistrations.userId, userId), gt(mfaRegistrations.expiresAt, new Date())))
      .returning({ challenge: mfaRegistrations.challenge }),
  );
  if (!open) return false;
  const rp = await relyingParty(db);
  const { verifyRegistrationResponse } = await simpleWebAuthn();
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: open.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!result?.verified) return false;
  const { credential } = result.registrationInfo;
  const taken = await firstRow(db.select({ id: mfaFactors.id }).from(mfaFactors).where(eq(mfaFactors.credentialId, credential.id)));
  if (taken) return false;
  await db.insert(mfaFactors).values({
    userId,
    kind: "webauthn",
    label,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString("base64url"),
    signCount: credential.counter,
    transports: credential.transports ?? null,
    confirmedAt: new Date(),
  });
  return true;
}

/** Options for navigator.credentials.get(), limited to this user's keys. */
export async function keyLoginOptions(userId: number, db: Db = getDb()) {
  const rp = await relyingParty(db);
  const { generateAuthenticationOptions } = await simpleWebAuthn();
  return generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: (await userKeys(db, userId)).map((k) => ({ id: k.credentialId, transports: k.transports ?? undefined })),
    userVerification: "preferred",
  });
}

/** Checks a signed assertion from one of the user's keys; a counter that went backwards is refused. */
export async function verifyKeyAssertion(
  userId: number,
  challenge: string,
  response: AuthenticationResponseJSON,
  db: Db = getDb(),
): Promise<boolean> {
  const key = (await userKeys(db, userId)).find((k) => k.credentialId === response.id);
  if (!key) return false;
  const rp = await relyingParty(db);
  const { verifyAuthenticationResponse } = await simpleWebAuthn();
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
    credential: {
      id: key.credentialId,
      publicKey: new Uint8Array(Buffer.from(key.publicKey, "base64url")),
      counter: key.signCount,
      transports: key.transports ?? undefined,
    },
  }).catch(() => undefined);
  if (!result?.verified) return false;
  await db
    .update(mfaFactors)
    .set({ signCount: result.authenticationInfo.newCounter, lastUsedAt: new Date() })
    .where(eq(mfaFactors.id, key.id));
  return true;
}
