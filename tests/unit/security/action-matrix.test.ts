/**
 * The generated access-control matrix (SECURITY.md AC-01, AC-02, AC-04, AC-05, AC-08): every server
 * action, found by scanning the "use server" files, is called as every role and anonymously, with
 * the other tenant's ids, with extra and repeated fields. Refusals must change no row of any table.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ROLE_PERMISSIONS, ROLES, type Role } from "@/lib/authz/permissions";
import { ACTION_MATRIX, MASS_ASSIGNMENT_FIELDS, type MatrixEntry, MISSING_ID } from "../../support/security/action-matrix";
import { changedTables, snapshotDb } from "../../support/security/db-snapshot";
import { loadServerActions, type ServerAction } from "../../support/security/endpoints";
import { type ActionFn, callAs, type Fields, harness, isSuccess, type Outcome, refusalKeys } from "../../support/security/harness";
import { buildWorld, openCopy, type World } from "../../support/security/world";

vi.mock("@/db", async () => (await import("../../support/security/harness")).mockDb());
vi.mock("@/lib/auth/auth", async () => (await import("../../support/security/harness")).mockAuth());
vi.mock("@/lib/services/recovery/deliver", async () => (await import("../../support/security/harness")).mockDeliver());
vi.mock("next/headers", async () => (await import("../../support/security/harness")).mockHeaders());
vi.mock("next-intl/server", async () => (await import("../../support/security/harness")).mockIntl());
vi.mock("@/lib/auth/client-ip", () => ({ clientIp: async () => "192.0.2.10" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let world: World;
let image: Buffer;
let shared: ReturnType<typeof openCopy>;
const actions = new Map<string, ServerAction>();

beforeAll(async () => {
  ({ world, image } = await buildWorld());
  shared = openCopy(image);
  for (const a of await loadServerActions()) actions.set(a.key, a);
}, 60_000);

const switchToShared = () => {
  harness.db = shared.db;
  harness.sqlite = shared.sqlite;
};
const fnOf = (key: string): ActionFn => {
  const a = actions.get(key);
  if (!a) throw new Error(`${key} not found by the scan`);
  return a.fn;
};
const allowedRoles = (e: MatrixEntry): readonly Role[] => (e.roles === "anyone" ? ROLES : e.roles);
const actorOf = (role: Role | "anonymous") => (role === "anonymous" ? undefined : world.actors[role]);
const describeOutcome = (o: Outcome) => JSON.stringify(o);

/** Calls on the shared database and fails when the call changed any table. */
async function callUnchanged(role: Role | "anonymous", key: string, fields: Fields, label: string): Promise<Outcome> {
  switchToShared();
  const before = snapshotDb(shared.sqlite);
  const outcome = await callAs(actorOf(role), fnOf(key), fields);
  expect(changedTables(before, snapshotDb(shared.sqlite)), `${label}: ${describeOutcome(outcome)}`).toEqual([]);
  return outcome;
}

function expectRefused(outcome: Outcome, allowed: string[], label: string) {
  expect(outcome.kind, `${label}: ${describeOutcome(outcome)}`).toBe("state");
  expect(isSuccess(outcome), `${label}: ${describeOutcome(outcome)}`).toBe(false);
  const keys = refusalKeys(outcome);
  expect(keys.length, `${label}: ${describeOutcome(outcome)}`).toBeGreaterThan(0);
  for (const k of keys) expect(allowed, `${label}: ${describeOutcome(outcome)}`).toContain(k);
}

/** The same world with every id of tenant A and of the staff replaced by one that exists nowhere. */
const missingWorld = (w: World): World => {
  const blank = <T extends Record<string, number | string>>(ids: T) =>
    Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, typeof v === "number" ? Number(MISSING_ID) : v])) as T;
  return { ...w, a: blank(w.a), staff: blank(w.staff) };
};

describe("the matrix covers every server action", () => {
  it("has an entry for every exported action, and none for actions that are gone", () => {
    const found = [...actions.keys()];
    expect(found.length).toBeGreaterThan(50);
    expect(
      found.filter((k) => !(k in ACTION_MATRIX)),
      "actions without a matrix entry",
    ).toEqual([]);
    expect(
      Object.keys(ACTION_MATRIX).filter((k) => !actions.has(k)),
      "matrix entries without an action",
    ).toEqual([]);
  });

  it("names exactly the roles that hold each action's permission (no role gains one silently)", () => {
    for (const [key, entry] of Object.entries(ACTION_MATRIX)) {
      const permission = actions.get(key)?.permission;
      const holders = ROLES.filter((r) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(permission ?? ""));
      expect([...holders].sort(), key).toEqual([...allowedRoles(entry)].sort());
      expect(entry.roles === "anyone", `${key}: only "public" actions are open to anyone`).toBe(permission === "public");
    }
  });

  it("gives every allowed role a foreign input, or says why the action has none", () => {
    for (const [key, entry] of Object.entries(ACTION_MATRIX)) {
      for (const role of allowedRoles(entry)) {
        expect(!!entry.foreign?.[role]?.length || !!entry.noForeign, `${key} as ${role}`).toBe(true);
      }
    }
  });
});

describe.each(Object.entries(ACTION_MATRIX))("%s", (key, entry) => {
  it("works for an allowed role with a normal input (positive control, on a copy)", async () => {
    const copy = openCopy(image);
    harness.db = copy.db;
    harness.sqlite = copy.sqlite;
    const outcome = await callAs(actorOf(entry.valid.role), fnOf(key), entry.valid.fields(world));
    const expected = entry.valid.expect ?? "success";
    if (expected === "success") expect(isSuccess(outcome), describeOutcome(outcome)).toBe(true);
    else expect(refusalKeys(outcome), describeOutcome(outcome)).toContain(expected);
    copy.sqlite.close();
  });

  it("refuses every other role and anonymous visitors, writing nothing", async () => {
    const probe = entry.foreign ? (Object.values(entry.foreign)[0]?.[0] ?? entry.valid.fields) : entry.valid.fields;
    const denied: (Role | "anonymous")[] = [
      ...ROLES.filter((r) => !allowedRoles(entry).includes(r)),
      ...(entry.roles === "anyone" ? [] : ["anonymous" as const]),
    ];
    for (const role of denied) {
      const outcome = await callUnchanged(role, key, probe(world), `${key} as ${role}`);
      expect(outcome, `${key} as ${role}`).toEqual({ kind: "state", state: { status: "error", formError: "errors.forbidden" } });
    }
  });

  it("refuses tenant A's records to tenant B's actors, the same way as missing ids, writing nothing", async () => {
    const allowed = ["errors.notFound", ...(entry.refusals ?? [])];
    for (const [role, targets] of Object.entries(entry.foreign ?? {}) as [Role, ((w: World) => Fields)[]][]) {
      for (const [i, target] of targets.entries()) {
        const label = `${key} as ${role}, foreign input #${i + 1}`;
        const fields = target(world);
        const outcome = await callUnchanged(role, key, fields, label);
        expectRefused(outcome, allowed, label);
        const missing = await callUnchanged(role, key, target(missingWorld(world)), `${label} with missing ids`);
        expect(missing, `${label}: a missing id must answer like a foreign one`).toEqual(outcome);
      }
    }
    for (const [i, p] of (entry.protectedTargets ?? []).entries()) {
      const label = `${key} as ${p.role}, protected record #${i + 1}`;
      expectRefused(await callUnchanged(p.role, key, p.fields(world), label), p.refusals, label);
    }
  });

  it("refuses extra fields and repeated fields (mass assignment, parameter pollution), writing nothing", async () => {
    const base = entry.valid.fields(world);
    const foreignIds = [String(world.a.customerId), String(world.a.resellerId)];
    for (const extra of MASS_ASSIGNMENT_FIELDS.filter((f) => !(f in base))) {
      const label = `${key} with extra field ${extra}`;
      const outcome = await callUnchanged(entry.valid.role, key, { ...base, [extra]: extra === "role" ? "admin" : foreignIds[0] }, label);
      expectRefused(outcome, ["validation.invalid"], label);
    }
    for (const field of Object.keys(base).filter((f) => !(entry.repeatable ?? []).includes(f))) {
      const label = `${key} with ${field} sent twice`;
      const value = base[field];
      const outcome = await callUnchanged(entry.valid.role, key, { ...base, [field]: [String(value), String(value)] }, label);
      expect(isSuccess(outcome), `${label}: ${describeOutcome(outcome)}`).toBe(false);
      expect(outcome.kind, `${label}: ${describeOutcome(outcome)}`).toBe("state");
    }
  });
});
