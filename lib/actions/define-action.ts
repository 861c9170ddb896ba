import "server-only";
import { getTranslations } from "next-intl/server";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { clientIp } from "@/lib/auth/client-ip";
import { mustEnrol } from "@/lib/auth/mfa/enrolment";
import { getActor, renewSessionCookie } from "@/lib/auth/session";
import type { Actor } from "@/lib/authz/actor";
import { can, type Permission } from "@/lib/authz/permissions";
import { ServiceError } from "@/lib/errors";
import { type FieldMessages, translateMessage } from "@/lib/i18n/message-ref";
import { fieldIssues } from "@/lib/validation/field-issues";
import type { ActionState } from "./action-state";

type Translate = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

export type ActionContext<I, P extends Permission> = {
  actor: P extends "public" ? Actor | undefined : Actor;
  input: I;
  ip: string;
  t: Translate;
  /** The uploaded files named in the definition's `files` (absent when none was sent). */
  files: Partial<Record<string, File>>;
};

type Definition<S extends z.ZodType, P extends Permission> = {
  /** Required, so no action can forget its authorization. */
  permission: P;
  schema: S;
  /** Names of file fields the handler reads (ctx.files); the schema sees only the string fields. */
  files?: readonly string[];
  /** Sync or async; a handler that only redirects or sets a cookie returns nothing (void, as TypeScript infers it). */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- void, not undefined: what a handler without `return` is inferred as.
  handler: (ctx: ActionContext<z.output<S>, P>) => ActionState | void | Promise<ActionState | void>;
  /**
   * Business checks that need the caller (a package's limit) but not a valid form. They run only when
   * the schema refused the form, so their errors show together with the schema's instead of after
   * those are fixed; the handler's service checks the same again on a valid form. Gets the raw fields;
   * a service refusal (a foreign id) adds nothing.
   */
  alongside?: (ctx: { actor: P extends "public" ? Actor | undefined : Actor; raw: Partial<RawForm> }) => Promise<FieldMessages>;
};

type RawForm = Record<string, string | string[]>;

/**
 * A plain form's action (the outcome shows through what the action does: a redirect, a cookie), or
 * useActionState's. The state signature comes last: TypeScript infers useActionState's types from it.
 */
type FormAction = {
  (formData: FormData): Promise<void>;
  (state: ActionState, formData: FormData): Promise<ActionState>;
};

/** Marks wrapped actions; tests/unit/actions-wrapped.test.ts checks every exported action has it. */
export const WRAPPED = Symbol.for("kontor.action");

/**
 * The one way to define a server action: actor and permission first, then zod validation, then the
 * handler. Service errors become field or form errors in the user's language; nothing else leaks.
 */
export function defineAction<S extends z.ZodType, P extends Permission>(def: Definition<S, P>) {
  // Called as (state, formData) by useActionState, or as (formData) by a plain <form action> in a
  // server component, which needs no client component for a button such as "Abmelden".
  const action = async (stateOrForm: ActionState | FormData, form?: FormData): Promise<ActionState> => {
    const formData = form ?? stateOrForm;
    const t = (await getTranslations()) as unknown as Translate;
    const translate = (key: string) => (t.has(key) ? safeT(t, key) : key);
    const translateField = (messages: FieldMessages[string]) => [...new Set(messages.map((m) => translateMessage(t, m, (key) => key)))];
    try {
      if (!(formData instanceof FormData)) return { status: "error", formError: translate("validation.invalid") };
      const actor = await getActor();
      // Activity keeps the session alive: actions may set cookies, pages cannot.
      if (actor) await renewSessionCookie();
      if (def.permission !== "public" && !can(actor, def.permission)) {
        return { status: "error", formError: translate("errors.forbidden") };
      }
      // Staff who must still set up a second factor may only use public actions and the enrolment
      // itself (mfa.self); pages send them to enrolment, and this holds for crafted POSTs too.
      if (def.permission !== "public" && def.permission !== "mfa.self" && actor && (await mustEnrol(actor))) {
        return { status: "error", formError: translate("errors.enrolFirst") };
      }
      const raw = formDataToObject(formData);
      const parsed = def.schema.safeParse(raw);
      if (!parsed.success) {
        const flat = fieldIssues(parsed.error);
        const schemaErrors = mapValues(flat.fieldErrors, (msgs) => msgs.map((m) => (t.has(m) ? m : "validation.invalid")));
        const extra = def.alongside ? await alongsideErrors(def.alongside, actor as ActionContext<z.output<S>, P>["actor"], raw) : {};
        const fields = [...new Set([...Object.keys(schemaErrors), ...Object.keys(extra)])];
        return {
          status: "error",
          // Form-level issues (unknown fields, a broken request) carry zod's English text: never shown raw.
          formError: flat.formErrors.length ? translate("validation.invalid") : translate("errors.checkFields"),
          fieldErrors: Object.fromEntries(fields.map((f) => [f, translateField([...(schemaErrors[f] ?? []), ...(extra[f] ?? [])])])),
        };
      }
      const ip = await clientIp();
      const files: Partial<Record<string, File>> = {};
      for (const name of def.files ?? []) {
        const value = formData.get(name);
        if (value instanceof File && value.size > 0) files[name] = value;
      }
      const ctx = { actor, input: parsed.data, ip, t, files } as ActionContext<z.output<S>, P>;
      return (await def.handler(ctx)) ?? { status: "success", message: translate("common.saved") };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof ServiceError) {
        return {
          status: "error",
          formError: translate(error.message),
          fieldErrors: error.fieldErrors && mapValues(error.fieldErrors, translateField),
        };
      }
      console.error("action failed", error instanceof Error ? error.name + ": " + error.message : "unknown error");
      return { status: "error", formError: translate("errors.unexpected") };
    }
  };
  return Object.assign(action as FormAction, { [WRAPPED]: true, permission: def.permission });
}

/** The alongside checks' errors; a service refusal there (a foreign id) leaves the schema's errors alone. */
async function alongsideErrors<A>(check: (ctx: { actor: A; raw: Partial<RawForm> }) => Promise<FieldMessages>, actor: A, raw: RawForm) {
  try {
    return await check({ actor, raw });
  } catch (error) {
    if (error instanceof ServiceError) return {};
    throw error;
  }
}

function safeT(t: Translate, key: string): string {
  try {
    return t(key);
  } catch {
    return key;
  }
}

function formDataToObject(formData: FormData): RawForm {
  // No prototype: a field named "__proto__" stays a plain (and, for strict schemas, refused) key.
  const out = Object.create(null) as RawForm;
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value !== "string") continue;
    // The record's index type cannot say a key is missing; Object.hasOwn can, prototype or not.
    if (!Object.hasOwn(out, key)) {
      out[key] = value;
      continue;
    }
    const prev = out[key];
    out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function mapValues<T, U>(obj: Record<string, T>, fn: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v)]));
}
