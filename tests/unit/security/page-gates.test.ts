import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/authz/permissions";

/**
 * Every page, layout, route handler and action file under app/ asks the permission table
 * (lib/authz/permissions.ts) before it shows or changes tenant data. A static read of the source: a
 * page whose gate call is removed fails here, without a browser or a session.
 */

const APP = path.join(process.cwd(), "app");
const ENTRY = /^(page\.tsx|layout\.tsx|route\.ts|actions\.ts)$/;

/**
 * Files that show or change no tenant data, or guard it without a session. Each entry says why;
 * adding a file here is a security decision for review.
 */
const PUBLIC: Record<string, string> = {
  "layout.tsx": "root layout: HTML frame, fonts and language, no data",
  "page.tsx": "/ only redirects to the actor's home or to /login",
  "(auth)/layout.tsx": "frame of the login and recovery pages, no data",
  "(auth)/login/page.tsx": "login form; a logged-in visitor is only redirected home",
  "(auth)/passwort-vergessen/page.tsx": "recovery request form, anonymous by design",
  "(auth)/reset/page.tsx": "reset form; the one-time token in the link is the credential (lib/services/recovery)",
  "bench/empty/page.tsx": "benchmark anchor, exists only with KONTOR_BENCH=1, renders nothing",
  "demo/mails/page.tsx": "demo sink's mails, exists only with KONTOR_DEMO=1 (notFound otherwise)",
  "healthz/route.ts": "load balancer probe: names no tenant, reads no cookie",
  "api/auth/[...nextauth]/route.ts": "next-auth's own endpoints (sign-in, sign-out, CSRF token)",
  "api/altcha/challenge/route.ts": "robot-check challenge for the anonymous login and recovery forms",
  "api/altcha/worker/route.ts": "static worker script of the robot check",
  "api/password/policy/route.ts": "password policy and common-password list: the same for everybody, needed without a session",
  "api/webmail/password/route.ts":
    "Roundcube's driver: only the webmail may call it (isWebmailCaller), the mailbox password is the credential",
  ".well-known/autoconfig/mail/config-v1.1.xml/route.ts": "Thunderbird autoconfig: host names and ports only",
  "mail/config-v1.1.xml/route.ts": "Thunderbird autoconfig: host names and ports only",
  "autodiscover/autodiscover.xml/route.ts": "Outlook autodiscover: host names and ports only",
};

/** Helpers that pages call instead of the gate itself; each must pass the gate check in its own file. */
const DELEGATES: Record<string, string> = {
  loadPanel: "(panel)/panel/[subscriptionId]/panel-context.ts",
  loadPanelMailbox: "(panel)/panel/[subscriptionId]/panel-context.ts",
  // API v1: key, scope and can(caller.actor, API_RESOURCES[...]) per operation (api-access-matrix test).
  handleApiRequest: "../lib/api/handle-request.ts",
};

/** The calls that ask the table with a literal permission name (the name is checked against the table). */
const GATES = [
  /\brequirePermission\("([\w.]+)"\)/g,
  /\brequireEnrolledActor\("([\w.]+)"\)/g,
  /\bcan\(\w+, "([\w.]+)"\)/g,
  /\bdefineAction\(\{\s*permission: "([\w.]+)"/g,
];
const API_GATE = /\bcan\(caller\.actor, API_RESOURCES\[/;

function entryFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return entryFiles(full);
    return ENTRY.test(e.name) ? [full] : [];
  });
}

/** The permission names a source asks for, or [] when it asks none. */
function gatesOf(source: string): string[] {
  return GATES.flatMap((re) => [...source.matchAll(re)].map((m) => m[1] ?? ""));
}

function isGated(source: string): boolean {
  if (gatesOf(source).length > 0 || API_GATE.test(source)) return true;
  return Object.entries(DELEGATES).some(([name, file]) => {
    if (!new RegExp(`\\b${name}\\b`).test(source)) return false;
    const delegate = fs.readFileSync(path.join(APP, file), "utf8");
    return gatesOf(delegate).length > 0 || API_GATE.test(delegate);
  });
}

const files = entryFiles(APP).map((f) => path.relative(APP, f).split(path.sep).join("/"));
const gated = files.filter((f) => !(f in PUBLIC));

describe("every page, layout, route and action asks the permission table", () => {
  it("finds the entry files (pages of every area, routes and actions)", () => {
    expect(files).toContain("(admin)/admin/page.tsx");
    expect(files).toContain("(panel)/panel/[subscriptionId]/mail/page.tsx");
    expect(files).toContain("api/export/route.ts");
    expect(files).toContain("(auth)/login/actions.ts");
    expect(gated.length).toBeGreaterThan(80);
  });

  it("keeps the public allow-list to files that exist", () => {
    for (const file of Object.keys(PUBLIC)) expect(files, `${file} in PUBLIC no longer exists`).toContain(file);
  });

  it.each(gated)("%s", (file) => {
    const source = fs.readFileSync(path.join(APP, file), "utf8");
    expect(
      isGated(source),
      `${file} must call requirePermission / requireEnrolledActor / can / defineAction with a permission, or be listed in PUBLIC with a reason`,
    ).toBe(true);
    for (const name of gatesOf(source)) expect(PERMISSIONS, `${file} asks for "${name}"`).toContain(name);
  });

  it("recognises a removed gate (the check can fail)", () => {
    const page = fs.readFileSync(path.join(APP, "(admin)/admin/page.tsx"), "utf8");
    expect(isGated(page)).toBe(true);
    expect(isGated(page.replace(/requirePermission\("admin\.manage"\)/, "requireActor()"))).toBe(false);
  });
});
