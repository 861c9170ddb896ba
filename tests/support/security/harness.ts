import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import type { Db } from "@/db";
import type { ActionState } from "@/lib/actions/action-state";
import type { Actor } from "@/lib/authz/actor";
import { loadActor } from "@/lib/auth/principals";
import { loadMessages, type Messages } from "@/lib/i18n/load-messages";
import { SESSION_COOKIE, sessionToken } from "../request-session";

/**
 * What the mocked framework modules read: the database and the cookie jar, which holds a real session
 * cookie of the acting user (signInAs). The security tests call the real defineAction
 * wrappers, session, schemas and services; only Next's request scope (cookies, headers, translations,
 * after()) and next-auth's handle are stood in for, as in panel-actions.test.ts.
 */
export const harness = {
  db: undefined as Db | undefined,
  sqlite: undefined as Database.Database | undefined,
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

export const mockAuth = () => ({ auth: async () => null, signIn: async () => undefined, signOut: async () => undefined, handlers: {} });

export const mockHeaders = () => ({
  cookies: async () => ({
    get: (name: string) => (harness.cookies.has(name) ? { name, value: harness.cookies.get(name) } : undefined),
    has: (name: string) => harness.cookies.has(name),
    set: (name: string, value: string) => void harness.cookies.set(name, value),
    delete: (arg: string | { name: string }) => void harness.cookies.delete(typeof arg === "string" ? arg : arg.name),
  }),
  // A plain-http request, as Next describes it (x-forwarded-proto): the session cookie's name follows it.
  headers: async () => new Headers({ "user-agent": "security-matrix", host: "127.0.0.1", "x-forwarded-proto": "http" }),
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

/**
 * A request of the actor: the cookie jar holds only the session cookie its login would get now (with
 * its session version as stored, which a password change raises), read by the real lib/auth/session.
 */
export async function signInAs(actor: Actor | undefined): Promise<void> {
  harness.cookies.clear();
  if (!actor) return;
  const db = harness.db;
  const current = (db && (await loadActor(db, actor.kind, actor.id))) ?? actor;
  harness.cookies.set(SESSION_COOKIE, await sessionToken(current));
}

export async function callAs(actor: Actor | undefined, fn: ActionFn, fields: Fields | FormData): Promise<Outcome> {
  await signInAs(actor);
  try {
    const state = await fn({ status: "idle" }, fields instanceof FormData ? fields : formOf(fields));
    return { kind: "state", state };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { kind: "redirect", to: digest.split(";")[2] ?? "" };
    return { kind: "thrown", error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    harness.cookies.clear();
  }
}

export const isSuccess = (o: Outcome) => o.kind === "redirect" || (o.kind === "state" && o.state.status === "success");

/** The error keys of a refused call (form error and every field error), for compact assertions. */
export function refusalKeys(o: Outcome): string[] {
  if (o.kind !== "state" || o.state.status !== "error") return [];
  return [o.state.formError ?? "", ...Object.values(o.state.fieldErrors ?? {}).flatMap((m) => m ?? [])].filter(Boolean);
}
