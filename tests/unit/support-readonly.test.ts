/**
 * "Support writes nothing else": every server action exported anywhere in the app is called as the
 * support user; all but support's own audited actions must refuse before touching anything.
 */
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/actions/action-state";
import type { Actor } from "@/lib/authz/actor";
import { type Permission, ROLE_PERMISSIONS, roleHas } from "@/lib/authz/permissions";
import { findServerActionFiles } from "../support/server-action-files";

const support: Actor = {
  kind: "user",
  id: 2,
  role: "support",
  label: "support@kontor.example",
  resellerId: null,
  customerId: null,
  mailboxId: null,
  mustChangePassword: false,
  sessionVersion: 1,
};

vi.mock("@/lib/auth/session", () => ({
  getActor: async () => support,
  renewSessionCookie: async () => undefined,
  requireActor: async () => support,
  requirePermission: async () => support,
  homeFor: () => "/support",
}));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null, signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/client-ip", () => ({ clientIp: async () => "127.0.0.1" }));
vi.mock("next-intl/server", () => {
  const t = Object.assign((key: string) => key, { has: () => true, rich: (key: string) => key });
  return { getTranslations: async () => t, getFormatter: async () => ({}), getLocale: async () => "de" };
});
// Any action that got past the permission check would reach the database: make that loud.
vi.mock("@/db", () => ({
  getDb: () => {
    throw new Error("database touched");
  },
  schema: {},
}));

/**
 * Support's own audited actions (`support.*`), plus what touches no one else's data: anonymous
 * actions, its own session, its own password and second factor, reading the audit log, and the duties
 * on its own login (a required second factor, the shorter login lifetime), which grant nothing.
 */
const OWN_ACCOUNT: readonly Permission[] = [
  "public",
  "password.self",
  "mfa.self",
  "audit.read",
  "audit.readIps",
  "mfa.required",
  "session.shortLifetime",
];
const isSupportsOwn = (p: Permission) => OWN_ACCOUNT.includes(p) || p.startsWith("support.");

type Action = ((state: typeof IDLE, form: FormData) => Promise<{ status: string; formError?: string }>) & { permission?: Permission };
const actions: { name: string; permission: Permission; fn: Action }[] = [];

beforeAll(async () => {
  for (const file of findServerActionFiles()) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const fn = value as Action;
      if (typeof fn === "function" && fn.permission)
        actions.push({ name: `${path.relative(process.cwd(), file)}#${name}`, permission: fn.permission, fn });
    }
  }
}, 60_000);

describe("support is read-only outside its own actions", () => {
  it("finds the app's actions, support's ticket actions among them", () => {
    expect(actions.length).toBeGreaterThan(5);
    expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining([expect.stringContaining("#generatePasswordAction")]));
    expect(actions.filter((a) => !isSupportsOwn(a.permission)).length).toBeGreaterThan(0);
  });

  it("gives the support role no permission beyond its own", () => {
    expect(ROLE_PERMISSIONS.support.filter((p) => !isSupportsOwn(p))).toEqual([]);
  });

  it("refuses every other mutating action called as support, before validation or the database", async () => {
    const refused: string[] = [];
    for (const a of actions.filter((x) => !isSupportsOwn(x.permission))) {
      expect(roleHas("support", a.permission), a.name).toBe(false);
      const result = await a.fn(IDLE, new FormData());
      expect(result, a.name).toEqual({ status: "error", formError: "errors.forbidden" });
      refused.push(a.name);
    }
    expect(refused).toEqual(
      expect.arrayContaining([expect.stringContaining("#createTicketAction"), expect.stringContaining("#revealPasswordAction")]),
    );
  });
});
