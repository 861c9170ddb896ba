import type { z } from "zod";
import type { Actor } from "@/lib/authz/actor";
import type { FieldMessages } from "@/lib/i18n/message-ref";
import type { ApiKeyInfo } from "./authenticate";
import type { ApiAccess, ApiResource } from "./scopes";
import type { Locale } from "@/lib/i18n/locales";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type RouteContext<P, Q, B> = {
  actor: Actor;
  /** The owner's login name (the actor's label names the key as well, for the audit log). */
  login: string;
  key: ApiKeyInfo;
  params: P;
  query: Q;
  body: B;
  ip: string;
  /** The caller's language (Accept-Language), for texts an answer carries beyond problems. */
  locale: Locale;
  /** The request itself: an upload route (see `upload`) reads its body from here. */
  request: Request;
  /**
   * Compares the request's If-Match with `current` (the representation a GET answers): 428 when the
   * header is missing, 412 when it names another version. Called after the record was found, so a
   * foreign id still answers 404 first.
   */
  ifMatch: (current: unknown) => void;
  /**
   * An upload's Idempotency-Key: its body is a stream the handler reads, so the handler claims the key
   * itself, with the file's digest, once it has read the file and before it writes anything. `run` runs
   * once per key (a retry gets the first answer, without its secret fields); without the header it just runs.
   */
  idempotent: (bodyDigest: string, run: () => Promise<RouteResult>) => Promise<RouteResult>;
};

export type RouteResult = {
  status?: number;
  body?: unknown;
  /** The representation whose ETag the answer carries (GET, PATCH, PUT). */
  etagOf?: unknown;
  location?: string;
  /** Body fields shown once (a generated password): never kept for an idempotent replay. */
  secretFields?: string[];
  /** The stored answer of an earlier request with the same Idempotency-Key, sent again. */
  replayed?: boolean;
  /** A download (see ApiRoute.download): sent as it is, with its length, instead of a JSON body. */
  file?: { body: ReadableStream<Uint8Array>; size: number; type: string; name: string };
};

/**
 * One operation of API v1. The zod schemas are what the request is validated with and what the
 * OpenAPI description is generated from (lib/api/openapi.ts): there is no second copy to drift.
 */
export type ApiRoute = {
  method: HttpMethod;
  /** OpenAPI path template below /api/v1, e.g. `/mailboxes/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  /** The scope's resource; null: every valid key may call it (who am I). */
  resource: ApiResource | null;
  access: ApiAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  successStatus: number;
  /**
   * The body is a file (text/csv, a JSON export, or multipart/form-data with `file`), read by the
   * handler as a stream from ctx.request, not parsed as JSON here. Its Idempotency-Key is claimed by
   * the handler through ctx.idempotent, with the digest of the file it read.
   */
  upload?: { types: string[]; description: string };
  /** The answer is a file of one of these media types (the handler returns RouteResult.file), not JSON. */
  download?: { types: string[]; description: string };
  /** A 422 that carries more than field errors (an import's report): its extension members, for OpenAPI. */
  refusal?: { description: string; members: z.ZodType };
  /** Changes an existing record: If-Match is required (the handler calls ctx.ifMatch). */
  conditional?: boolean;
  /** For the OpenAPI description: when this (non-POST) operation answers 409. */
  conflicts?: string;
  handle: (ctx: RouteContext<unknown, unknown, unknown>) => RouteResult | Promise<RouteResult>;
  /**
   * Business checks that need the caller (a package's quota limit) but not a valid body. They run only
   * when the schema refused the body, so their errors come in the same 422 as the schema's, as on the
   * panel's forms (lib/actions/define-action.ts). A service refusal there adds nothing.
   */
  alongside?: (ctx: { actor: Actor; params: unknown; raw: unknown }) => Promise<FieldMessages>;
};

type Def<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = Omit<
  ApiRoute,
  "params" | "query" | "body" | "handle" | "successStatus" | "alongside"
> & {
  params?: P;
  query?: Q;
  body?: B;
  successStatus?: number;
  handle: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => RouteResult | Promise<RouteResult>;
  alongside?: (ctx: { actor: Actor; params: z.output<P>; raw: unknown }) => Promise<FieldMessages>;
};

/** Types the handler's context from the route's own schemas. */
export function defineRoute<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
  def: Def<P, Q, B>,
): ApiRoute {
  return {
    ...def,
    successStatus: def.successStatus ?? 200,
    handle: def.handle as ApiRoute["handle"],
    alongside: def.alongside as ApiRoute["alongside"],
  };
}
