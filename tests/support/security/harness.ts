import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import type { Db } from "@/db";
import type { ActionState } from "@/lib/actions/action-state";
import type { Actor } from "@/lib/authz/actor";
import { loadMessages, type Messages } from "@/lib/i18n/load-messages";

/**
 * What the mocked framework modules read: the database, the session's actor and the cookie jar.
 * The security tests call the real defineAction wrappers, schemas and services; only Next's request
 * scope (session, cookies, headers, translations, after()) is stubbed, as in panel-actions.test.ts.
 */
export const harness = {
  db: undefined as Db | undefined,
  sqlite: undefined as Database.Database | undefined,
  actor: undefined as Actor | undefined,
  cookies: new Map<string, string>(),
};

// Sieve scripts are written after mailbox changes: keep them out of the real data folder.
process.env.KONTOR_SIEVE_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "kontor-security-sieve-"));
process.env.AUTH_SECRET ??= "security-matrix-test-secret-0123456789abcdef";

function useDb(): Db {
  if (!harness.db) throw new Error("harness: no database");
  return harness.db;
}

export const mockDb = () => ({ getDb: useDb });

export const mockSession = () => ({
  getActor: async () => harness.actor,
  renewSessionCookie: async () => undefined,
  requireActor: async () => {
    if (!harness.actor) throw new Error("harness: page helper called without actor");
    return harness.actor;
  },
  requirePermission: async () => harness.actor,
  homeFor: () => "/",
});

export const mockAuth = () => ({ auth: async () => null, signIn: async () => undefined, signOut: async () => undefined, handlers: {} });

export const mockHeaders = () => ({
  cookies: async () => ({
    get: (name: string) => (harness.cookies.has(name) ? { name, value: harness.cookies.get(name) } : undefined),
    set: (name: string, value: string) => void harness.cookies.set(name, value),
    delete: (arg: string | { name: string }) => void harness.cookies.delete(typeof arg === "string" ? arg : arg.name),
  }),
  headers: async () => new Headers({ "user-agent": "security-matrix" }),
});

/** Whether the German messages have this key (what next-intl's `t.has` answers). */
export function messageExists(key: string): boolean {
  let node: string | Messages | undefined = loadMessages("de");
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string";
}

/** Keys resolve only when the German messages have them, as next-intl would; t() returns the key. */
export const mockIntl = () => {
  const t = Object.assign((key: string) => key, { has: messageExists, rich: (key: string) => key });
  return { getTranslations: async () => t, getLocale: async () => "de", getFormatter: async () => ({}) };
};

/** Mails are rendered by the services but never sent. */
export const mockDeliver = () => ({ sendAfterResponse: () => undefined });

export type Fields = Record<string, string | string[]>;
export type ActionFn = ((prev: ActionState, form: FormData) => Promise<ActionState>) & { permission?: string };

/** What a call ended in: the returned state, Next's redirect (success of a redirecting action), or a throw. */
export type Outcome = { kind: "state"; state: ActionState } | { kind: "redirect"; to: string } | { kind: "thrown"; error: string };

export function formOf(fields: Fields): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) fd.append(k, item);
  return fd;
}

export async function callAs(actor: Actor | undefined, fn: ActionFn, fields: Fields | FormData): Promise<Outcome> {
  harness.actor = actor;
  harness.cookies.clear();
  try {
    const state = await fn({ status: "idle" }, fields instanceof FormData ? fields : formOf(fields));
    return { kind: "state", state };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { kind: "redirect", to: digest.split(";")[2] ?? "" };
    return { kind: "thrown", error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    harness.actor = undefined;
  }
}

export const isSuccess = (o: Outcome) => o.kind === "redirect" || (o.kind === "state" && o.state.status === "success");

/** The error keys of a refused call (form error and every field error), for compact assertions. */
export function refusalKeys(o: Outcome): string[] {
  if (o.kind !== "state" || o.state.status !== "error") return [];
  return [o.state.formError ?? "", ...Object.values(o.state.fieldErrors ?? {}).flatMap((m) => m ?? [])].filter(Boolean);
}
