/**
 * The permission table (lib/authz/permissions.ts) is the only gate, and every row of it is tested:
 * each permission has a row in tests/support/security/permission-rows.ts, is asked by the app, and is
 * held exactly by the roles the table names, whether a server action, a route or a service asks it.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { can, holders, PERMISSION_TABLE, PERMISSIONS, type Permission, ROLE_KIND, ROLES, roleHas } from "@/lib/authz/permissions";
import { ServiceError } from "@/lib/errors";
import { PERMISSION_ROWS } from "../../support/security/permission-rows";
import { ROUTE_MATRIX } from "../../support/security/route-matrix";
import { buildWorld, openCopy, type World } from "../../support/security/world";
import { findServerActionFiles } from "../../support/server-action-files";

vi.mock("@/db", async () => (await import("../../support/security/harness")).mockDb());

let world: World;
let image: Buffer;
beforeAll(async () => {
  ({ world, image } = await buildWorld());
}, 60_000);

const ROOT = process.cwd();
function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) sources(rel, out);
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(rel);
  }
  return out;
}
const appSources = () => ["app", "lib", "components"].flatMap((d) => sources(d)).filter((f) => !f.startsWith("lib/authz/"));
const actionPermissions = () =>
  new Set(findServerActionFiles().flatMap((f) => [...fs.readFileSync(f, "utf8").matchAll(/permission: "([\w.]+)"/g)].map((m) => m[1])));

describe("the permission table", () => {
  it("has a test row for every permission and none for permissions that are gone", () => {
    expect(PERMISSIONS.filter((p) => !(p in PERMISSION_ROWS))).toEqual([]);
    expect(Object.keys(PERMISSION_ROWS).filter((p) => !(p in PERMISSION_TABLE))).toEqual([]);
  });

  it("holds only permissions the app asks for", () => {
    const text = appSources()
      .map((f) => fs.readFileSync(path.join(ROOT, f), "utf8"))
      .join("\n");
    expect(
      PERMISSIONS.filter((p) => !text.includes(`"${p}"`)),
      "permissions nothing asks",
    ).toEqual([]);
  });

  it("is the only place that compares roles", () => {
    const offenders = appSources().filter((f) => /role\s*(===|!==)\s*["']/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("is the only place that lists roles (no role list or role-keyed table beside it)", () => {
    const name = `"(?:${ROLES.join("|")})"`;
    const list = new RegExp(`\\[\\s*${name}\\s*,\\s*${name}`);
    const offenders = appSources().filter((f) => {
      const source = fs.readFileSync(path.join(ROOT, f), "utf8");
      return list.test(source) || /Record<Role\b/.test(source) || new RegExp(`case ${name}:`).test(source);
    });
    expect(offenders).toEqual([]);
  });

  it("gives nothing to an actor whose account kind does not match its role, nor to anonymous visitors", () => {
    for (const role of ROLES) {
      const wrongKind = ROLE_KIND[role] === "user" ? "mailbox" : "user";
      const actor = { ...world.actors[role], kind: wrongKind } as const;
      for (const p of PERMISSIONS) expect(can(actor, p), `${role} as ${wrongKind}: ${p}`).toBe(false);
    }
    for (const p of PERMISSIONS) expect(can(undefined, p), p).toBe(false);
  });
});

describe.each(PERMISSIONS.map((p) => [p] as [Permission]))("%s", (permission) => {
  const row = PERMISSION_ROWS[permission];

  if (row.gate === "actions") {
    it("is asked by a server action (the action matrix checks its holders) or a route", () => {
      const byRoute = Object.values(ROUTE_MATRIX).some((r) => r.access === permission);
      expect(actionPermissions().has(permission) || byRoute).toBe(true);
    });
    return;
  }

  it(`lets exactly its holders (${holders(permission).join(", ")}) past the service's gate`, async () => {
    for (const role of ROLES) {
      const copy = openCopy(image);
      let refused: boolean;
      try {
        refused = (await row.probe(world.actors[role], world, copy.db)) === false;
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        refused = error.message === (row.refusal ?? "errors.forbidden");
      } finally {
        copy.sqlite.close();
      }
      expect(refused, `${permission} as ${role}`).toBe(!roleHas(role, permission));
    }
  });
});
