import "server-only";
import crypto from "node:crypto";
import { getDb } from "@/db";
import { clientIp } from "@/lib/auth/client-ip";
import { can } from "@/lib/authz/permissions";
import { ServiceError } from "@/lib/errors";
import type { FieldMessages } from "@/lib/i18n/message-ref";
import { fieldIssues } from "@/lib/validation/field-issues";
import { authenticateApiKey, type ApiCaller } from "./authenticate";
import type { ApiRoute, HttpMethod, RouteResult } from "./define-route";
import { claimIdempotencyKey, requestHash, settleIdempotencyKey } from "./idempotency";
import { openApiDocument } from "./openapi";
import { ApiProblem, negotiateLocale, problemFromError, problemResponse } from "./problem";
import { API_ROUTES } from "./routes";
import { API_RESOURCES, scopeAllows } from "./scopes";

export const API_BASE = "/api/v1";
const MAX_BODY_BYTES = 256 * 1024;

type Matcher = { route: ApiRoute; pattern: RegExp; names: string[] };
const MATCHERS: Matcher[] = API_ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
});

/** The ETag of a representation: a hash of its JSON, so any change of a field changes it. */
export function etagOf(representation: unknown): string {
  return `"${crypto.createHash("sha256").update(JSON.stringify(representation)).digest("base64url").slice(0, 22)}"`;
}

/**
 * Every request to /api/v1: route, key, scope and permission, validation, the operation (through the
 * panel's services), and an answer in JSON or as a problem (RFC 9457) in the caller's language.
 * Nothing but ApiProblem and the services' own errors reach the caller; anything else is a logged 500.
 */
export async function handleApiRequest(request: Request): Promise<Response> {
  const locale = negotiateLocale(request.headers.get("accept-language"));
  try {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) || "/" : url.pathname;
    const method = request.method.toUpperCase() as HttpMethod;
    if (path === "/openapi.json" && method === "GET") return json(200, openApiDocument());
    const candidates = MATCHERS.map((m) => ({ m, hit: m.pattern.exec(path) })).filter((c) => c.hit);
    if (!candidates.length) throw new ApiProblem("notFound");
    const found = candidates.find((c) => c.m.route.method === method);
    if (!found?.hit) {
      throw new ApiProblem("methodNotAllowed", { headers: { allow: candidates.map((c) => c.m.route.method).join(", ") } });
    }
    const route = found.m.route;
    const db = getDb();
    const caller = await authenticateApiKey(db, request.headers.get("authorization"));
    if (route.resource) {
      if (!scopeAllows(caller.key.scopes, route.resource, route.access)) {
        throw new ApiProblem("forbidden", { detailKey: "api.problems.scopeMissing" });
      }
      if (!can(caller.actor, API_RESOURCES[route.resource])) throw new ApiProblem("forbidden");
    }
    const rawParams = Object.fromEntries(found.m.names.map((n, i) => [n, decodeURIComponent(found.hit?.[i + 1] ?? "")]));
    // A malformed id names nothing: the same 404 as a missing or foreign one.
    const params = route.params ? parseOr(route.params, rawParams, () => new ApiProblem("notFound")) : {};
    const query = route.query ? parseOr(route.query, Object.fromEntries(url.searchParams), validation) : {};
    const rawBody = route.body ? await readBody(request) : "";
    const body = route.body ? await parseBody(route, caller.actor, params, parseJson(rawBody)) : undefined;
    const ip = await clientIp().catch(() => "unknown");
    const ifMatchHeader = request.headers.get("if-match");
    const idempotencyKey = method === "POST" ? request.headers.get("idempotency-key") : null;
    // An upload's query says what to do with its file (which subscription, apply or not): compared with it.
    const uploadTarget = `${path}?${url.searchParams.toString()}`;
    const ctx = {
      actor: caller.actor,
      login: caller.login,
      key: caller.key,
      params,
      query,
      body,
      ip,
      locale,
      request,
      ifMatch: (current: unknown) => {
        // Without If-Match two scripts would overwrite each other silently (RFC 6585: 428).
        if (!ifMatchHeader?.trim()) throw new ApiProblem("preconditionRequired", { detailKey: "api.problems.ifMatchMissing" });
        // "*": the caller knowingly changes whatever version is current (RFC 9110).
        if (ifMatchHeader.trim() === "*") return;
        const wanted = ifMatchHeader.split(",").map((s) => s.trim().replace(/^W\//, ""));
        if (!wanted.includes(etagOf(current))) throw new ApiProblem("preconditionFailed");
      },
      idempotent: (digest: string, run: () => Promise<RouteResult>) =>
        idempotencyKey === null || !route.upload
          ? run()
          : runIdempotent(db, caller, idempotencyKey, requestHash(method, uploadTarget, digest), run, route),
    };
    if (idempotencyKey !== null && !route.upload)
      return answer(
        route,
        await runIdempotent(db, caller, idempotencyKey, requestHash(method, path, rawBody), () => route.handle(ctx), route),
      );
    return answer(route, await route.handle(ctx));
  } catch (error) {
    const problem = problemFromError(error);
    if (problem) return problemResponse(problem, locale);
    console.error("api request failed", error instanceof Error ? `${error.name}: ${error.message}` : "unknown error");
    return problemResponse(new ApiProblem("unexpected"), locale);
  }
}

async function runIdempotent(
  db: ReturnType<typeof getDb>,
  caller: ApiCaller,
  idempotencyKey: string,
  hash: string,
  run: () => RouteResult | Promise<RouteResult>,
  route: ApiRoute,
): Promise<RouteResult> {
  const stored = await claimIdempotencyKey(db, caller.key.id, idempotencyKey, hash);
  if (stored) return { status: stored.status, body: JSON.parse(stored.body) as unknown, replayed: true };
  let result: RouteResult | undefined;
  try {
    result = await run();
  } finally {
    // Settled on failure too: the claim is dropped, so a corrected retry with the same key may run.
    await settleIdempotencyKey(
      db,
      caller.key.id,
      idempotencyKey,
      result && { status: result.status ?? route.successStatus, body: JSON.stringify(withoutSecrets(result)) },
    );
  }
  return result;
}

function withoutSecrets(result: RouteResult): unknown {
  if (!result.secretFields?.length || typeof result.body !== "object" || result.body === null) return result.body ?? null;
  return Object.fromEntries(Object.entries(result.body).filter(([k]) => !result.secretFields?.includes(k)));
}

const jsonHeaders = { "content-type": "application/json", "cache-control": "no-store" };

function answer(route: ApiRoute, result: RouteResult): Response {
  const status = result.status ?? route.successStatus;
  const headers: Record<string, string> = { ...jsonHeaders };
  if (result.etagOf !== undefined) headers.etag = etagOf(result.etagOf);
  if (result.location) headers.location = `${API_BASE}${result.location}`;
  if (result.replayed) headers["idempotency-replayed"] = "true";
  if (status === 204) return new Response(null, { status, headers: { "cache-control": "no-store" } });
  if (result.file) {
    const { body, size, type, name } = result.file;
    return new Response(body, {
      status,
      headers: {
        "content-type": type,
        "content-length": String(size),
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "private, no-store",
      },
    });
  }
  return new Response(JSON.stringify(result.body ?? null), { status, headers });
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "public, max-age=60" },
  });
}

const validation = (fieldErrors: Record<string, string[]>) => new ApiProblem("validation", { fieldErrors });

function parseOr<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: import("zod").ZodError } },
  value: unknown,
  refuse: (fieldErrors: Record<string, string[]>) => ApiProblem,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const flat = fieldIssues(parsed.error);
  const fieldErrors = { ...flat.fieldErrors };
  if (flat.formErrors.length) fieldErrors[""] = ["validation.invalid"];
  throw refuse(fieldErrors);
}

/** The body by the route's schema; refused, it comes with the route's alongside checks in one 422. */
async function parseBody(route: ApiRoute, actor: ApiCaller["actor"], params: unknown, raw: unknown): Promise<unknown> {
  const schema = route.body;
  if (!schema) return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const flat = fieldIssues(parsed.error);
  const fieldErrors: FieldMessages = { ...flat.fieldErrors };
  if (flat.formErrors.length) fieldErrors[""] = ["validation.invalid"];
  const extra = route.alongside ? await route.alongside({ actor, params, raw }).catch(ignoreServiceError) : {};
  for (const [field, messages] of Object.entries(extra)) fieldErrors[field] = [...(fieldErrors[field] ?? []), ...messages];
  throw new ApiProblem("validation", { fieldErrors });
}

function ignoreServiceError(error: unknown): FieldMessages {
  if (error instanceof ServiceError) return {};
  throw error;
}

async function readBody(request: Request): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new ApiProblem("unsupportedMediaType");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiProblem("badRequest", { detailKey: "api.problems.bodyTooLarge" });
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiProblem("badRequest", { detailKey: "api.problems.badJson" });
  }
}
