import { createTranslator } from "use-intl/core";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { type FieldMessages, messageKey, translateMessage } from "@/lib/i18n/message-ref";
import { exceededRef, LimitError } from "@/lib/services/orders/limit-error";
import { loadMessages } from "@/lib/i18n/load-messages";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "@/lib/i18n/locales";

/** The kinds of problem API v1 answers with; each is a `type` URI and a title in the "api" texts. */
export const PROBLEM_KINDS = {
  badRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  conflict: 409,
  idempotencyInProgress: 409,
  preconditionFailed: 412,
  preconditionRequired: 428,
  unsupportedMediaType: 415,
  validation: 422,
  idempotencyMismatch: 422,
  rateLimited: 429,
  unexpected: 500,
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;

/**
 * An RFC 9457 problem to answer with. `fieldErrors` hold message keys of the catalogue (messages/<lang>/),
 * the same ones the panel's forms show beside a field; they are translated only when answering.
 */
export class ApiProblem extends Error {
  readonly status: number;
  constructor(
    readonly kind: ProblemKind,
    readonly opts: {
      fieldErrors?: FieldMessages;
      detailKey?: string;
      headers?: Record<string, string>;
      /** RFC 9457 extension members, already in the caller's language (an import's report). */
      members?: Record<string, unknown>;
    } = {},
  ) {
    super(kind);
    this.status = PROBLEM_KINDS[kind];
  }
}

/** A message key that says a name is already in use: those refusals are conflicts (409), not bad input. */
const TAKEN = /Taken$|IsMailbox$/;

/** Service errors as problems: the services' own refusals keep their meaning over HTTP. */
export function problemFromError(error: unknown): ApiProblem | undefined {
  if (error instanceof ApiProblem) return error;
  if (error instanceof NotFoundError) return new ApiProblem("notFound");
  if (error instanceof ForbiddenError) return new ApiProblem("forbidden");
  if (error instanceof UnauthenticatedError) return new ApiProblem("unauthorized");
  if (error instanceof ValidationError) {
    const fieldErrors = error instanceof LimitError ? limitFieldErrors(error) : (error.fieldErrors ?? {});
    const conflict =
      error instanceof ConflictError || Object.values(fieldErrors).some((keys) => keys.some((k) => TAKEN.test(messageKey(k))));
    const detailKey = error.message === "errors.checkFields" ? undefined : error.message;
    return new ApiProblem(conflict ? "conflict" : "validation", { fieldErrors, detailKey });
  }
  return undefined;
}

/** A LimitError's numbers (what exceeds, where) beside its field, as the panel's form shows them. */
function limitFieldErrors(error: LimitError): FieldMessages {
  const lines = error.exceeded.map(exceededRef);
  const others = error.fieldErrors ?? {};
  return { ...others, [error.field]: [...(others[error.field] ?? []), ...lines] };
}

/** The caller's language from Accept-Language (q-values honoured), else German like the panel. */
export function negotiateLocale(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((r) => r.lang).find((l): l is Locale => isLocale(l)) ?? DEFAULT_LOCALE;
}

type T = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };
const translators = new Map<Locale, T>();
/** The catalogue's translator for a language (the API's texts beyond problems: an import's report). */
export function translator(locale: Locale): T {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator({ locale, messages: loadMessages(locale) }) as unknown as T;
    translators.set(locale, t);
  }
  return t;
}

/** A catalogue key in the caller's language; a key the catalogue lacks becomes the generic "invalid". */
export function translateKey(locale: Locale, key: string): string {
  const t = translator(locale);
  return t.has(key) ? t(key) : t("validation.invalid");
}

export const PROBLEM_TYPE_BASE = "https://kontor.example/problems/";

/** The problem document: type, title, status, detail, and per-field errors ({ field, messages }). */
export function problemBody(problem: ApiProblem, locale: Locale) {
  const t = translator(locale);
  const fieldErrors = problem.opts.fieldErrors ?? {};
  const errors = Object.entries(fieldErrors).map(([field, keys]) => ({
    field,
    codes: keys.map(messageKey),
    messages: [...new Set(keys.map((k) => translateMessage(t, k, () => t("validation.invalid"))))],
  }));
  return {
    type: `${PROBLEM_TYPE_BASE}${problem.kind}`,
    title: t(`api.problems.${problem.kind}`),
    status: problem.status,
    ...(problem.opts.detailKey ? { detail: translateKey(locale, problem.opts.detailKey) } : {}),
    ...(errors.length ? { errors } : {}),
    ...problem.opts.members,
  };
}

export function problemResponse(problem: ApiProblem, locale: Locale): Response {
  return new Response(JSON.stringify(problemBody(problem, locale)), {
    status: problem.status,
    headers: {
      "content-type": "application/problem+json",
      "content-language": locale,
      "cache-control": "no-store",
      ...problem.opts.headers,
    },
  });
}

export { LOCALES };
