import { handleApiRequest } from "@/lib/api/handle-request";
import type { Actor } from "@/lib/authz/actor";
import { createApiKey } from "@/lib/services/api-keys/manage-api-keys";
import { createApiKeySchema } from "@/lib/validation/api-key";
import { emptyDb, type TestDb } from "./factories";
import { harness } from "./security/harness";

/**
 * API v1 through the real router (handleApiRequest) on a fresh test database (in memory, or a clone of
 * the migrated template in the unit-pg project), for unit tests that mock `@/db` with the security harness:
 * `vi.mock("@/db", async () => (await import("../support/security/harness")).mockDb());`
 */

/** A fresh database (emptyDb), which the mocked `@/db` hands to the router and the services from now on. */
export async function anApiDb(): Promise<TestDb> {
  const made = await emptyDb();
  harness.db = made.db;
  harness.sqlite = made.sqlite;
  return made.db;
}

/** The token of a new API key of the actor with these scopes, made as the key page makes one. */
export async function anApiKey(db: TestDb, actor: Actor, scopes: string[], name = "Test"): Promise<string> {
  return (await createApiKey(actor, createApiKeySchema.parse({ name, scopes }), null, db)).token;
}

export type ApiAnswer = {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
  /** The body parsed when the answer is JSON (application/json, application/problem+json), else null (typed loosely, for brevity). */
  json: Record<string, unknown>;
};

/**
 * A request with the key's bearer token, in the caller's language (English unless given), the body of
 * media type `type`; `headers` go last and may replace any of these. The answer read whole.
 */
export async function callApi(
  key: string,
  method: string,
  url: string,
  init: { body?: BodyInit; type?: string; lang?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${key}`,
    "accept-language": init.lang ?? "en",
    ...(init.type ? { "content-type": init.type } : {}),
    ...init.headers,
  };
  const res = await handleApiRequest(new Request(`http://127.0.0.1/api/v1${url}`, { method, headers, body: init.body }));
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const isJson = /json/.test(res.headers.get("content-type") ?? "") && text !== "";
  return { status: res.status, headers: res.headers, bytes, text, json: (isJson ? JSON.parse(text) : null) as Record<string, unknown> };
}
