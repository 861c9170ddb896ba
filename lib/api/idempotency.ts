import "server-only";
import crypto from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { apiIdempotency } from "@/db/schema";
import { ApiProblem } from "./problem";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

const KEEP_MS = 24 * 60 * 60 * 1000;
/** A claim whose request never finished (a crashed process) is given up after this long. */
const STALE_PENDING_MS = 5 * 60 * 1000;
const PENDING = 0;

export type StoredAnswer = { status: number; body: string };

export function requestHash(method: string, path: string, body: string): string {
  return crypto.createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

/**
 * Claims an Idempotency-Key for one key's POST. Returns the stored answer of an earlier request with
 * the same key and body (a replay), or undefined when this request is the first and must run.
 * The claim is a row written before the work, so a parallel retry gets 409 instead of a second mailbox.
 */
export async function claimIdempotencyKey(
  db: Db,
  keyId: number,
  idempotencyKey: string,
  hash: string,
  now = Date.now(),
): Promise<StoredAnswer | undefined> {
  if (!/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) throw new ApiProblem("badRequest", { detailKey: "api.problems.idempotencyKeyInvalid" });
  return await transaction(
    db,
    async (tx) => {
      await tx.delete(apiIdempotency).where(lt(apiIdempotency.createdAt, new Date(now - KEEP_MS)));
      const existing = await firstRow(
        tx
          .select()
          .from(apiIdempotency)
          .where(and(eq(apiIdempotency.keyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey))),
      );
      if (existing) {
        if (existing.requestHash !== hash) throw new ApiProblem("idempotencyMismatch");
        if (existing.status !== PENDING) return { status: existing.status, body: existing.body };
        if (existing.createdAt.getTime() > now - STALE_PENDING_MS) throw new ApiProblem("idempotencyInProgress");
        await tx.delete(apiIdempotency).where(and(eq(apiIdempotency.keyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey)));
      }
      await tx
        .insert(apiIdempotency)
        .values({ keyId, idempotencyKey, requestHash: hash, status: PENDING, body: "", createdAt: new Date(now) });
      return undefined;
    },
    { behavior: "immediate" },
  );
}

/**
 * Keeps a successful answer for replays, or drops the claim so that a corrected retry may run.
 * The stored body never holds a generated password: the route passes it without (it is shown once).
 */
export async function settleIdempotencyKey(db: Db, keyId: number, idempotencyKey: string, answer: StoredAnswer | undefined) {
  const where = and(eq(apiIdempotency.keyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey));
  if (answer && answer.status < 300) await db.update(apiIdempotency).set(answer).where(where);
  else await db.delete(apiIdempotency).where(where);
}
