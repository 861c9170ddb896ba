/**
 * Property-based fuzzing of every server action (SECURITY.md IV-01): forms derived from the matrix's
 * normal input, with dropped, repeated, hostile, huge and foreign values and extra fields, sent by a
 * role that may call the action. Every call must end in a state (never a throw, never
 * "errors.unexpected"), refusals carry known message keys only, and a refused call writes nothing
 * but the guessing counters. Seeds are fixed per action; set KONTOR_FUZZ_SEED to explore others.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ACTION_MATRIX } from "../../support/security/action-matrix";
import { changedTables, snapshotDb } from "../../support/security/db-snapshot";
import { loadServerActions, type ServerAction } from "../../support/security/endpoints";
import { describeEntries, formArb, toFormData } from "../../support/security/fuzz-inputs";
import { callAs, harness, isSuccess, messageExists, type Outcome } from "../../support/security/harness";
import { buildWorld, openCopy, type World } from "../../support/security/world";

vi.mock("@/db", async () => (await import("../../support/security/harness")).mockDb());
vi.mock("@/lib/auth/auth", async () => (await import("../../support/security/harness")).mockAuth());
vi.mock("@/lib/services/recovery/deliver", async () => (await import("../../support/security/harness")).mockDeliver());
vi.mock("next/headers", async () => (await import("../../support/security/harness")).mockHeaders());
vi.mock("next-intl/server", async () => (await import("../../support/security/harness")).mockIntl());
vi.mock("@/lib/auth/client-ip", () => ({ clientIp: async () => "192.0.2.20" }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const RUNS = 40;
/** Wrong passwords are counted (and a lock is audited as login.locked): the only writes a refusal may make. */
const GUESS_TABLES = ["auth_throttle", "audit_log"];
const GUESS_AUDIT_ACTIONS = ["login.locked"];

let world: World;
let image: Buffer;
const actions = new Map<string, ServerAction>();

beforeAll(async () => {
  ({ world, image } = await buildWorld());
  for (const a of await loadServerActions()) actions.set(a.key, a);
}, 60_000);

const seedFor = (key: string) => Number(process.env.KONTOR_FUZZ_SEED ?? createHash("sha256").update(key).digest().readInt32LE(0));

function expectWellFormed(outcome: Outcome, label: string) {
  expect(outcome.kind, label).not.toBe("thrown");
  if (outcome.kind !== "state") return;
  expect(["success", "error"], label).toContain(outcome.state.status);
  if (outcome.state.status !== "error") return;
  const { formError, fieldErrors } = outcome.state;
  expect(formError, label).not.toBe("errors.unexpected");
  expect(typeof formError === "string" && messageExists(formError), `${label}: form error ${String(formError)} is no message key`).toBe(
    true,
  );
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    for (const m of messages ?? []) expect(messageExists(m), `${label}: ${field} error ${m} is no message key`).toBe(true);
  }
}

describe("prototype keys in forms", () => {
  it("never reach Object.prototype, whatever action they are posted to", async () => {
    const copy = openCopy(image);
    harness.db = copy.db;
    harness.sqlite = copy.sqlite;
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const [key, entry] of Object.entries(ACTION_MATRIX)) {
      const action = actions.get(key);
      if (!action) throw new Error(`${key} not found by the scan`);
      const entries: [string, string][] = [
        ...Object.entries(entry.valid.fields(world)).flatMap(([k, v]) => [v].flat().map((x) => [k, x] as [string, string])),
        ["__proto__", "a"],
        ["__proto__", "b"],
        ["__proto__[polluted]", "1"],
        ["constructor[prototype][polluted]", "1"],
        ["constructor", "x"],
      ];
      const outcome = await callAs(
        entry.valid.role === "anonymous" ? undefined : world.actors[entry.valid.role],
        action.fn,
        toFormData(entries),
      );
      expect(outcome.kind, key).toBe("state");
      expect(isSuccess(outcome), `${key}: ${JSON.stringify(outcome)}`).toBe(false);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    copy.sqlite.close();
  }, 60_000);
});

describe("fuzzing every server action as a role that may call it", () => {
  it("covers every action the scan finds", () => {
    expect([...actions.keys()].filter((k) => !(k in ACTION_MATRIX))).toEqual([]);
  });

  it.each(Object.keys(ACTION_MATRIX))(
    "%s",
    async (key) => {
      const entry = ACTION_MATRIX[key];
      const action = actions.get(key);
      if (!action) throw new Error(`${key} not found by the scan`);
      const copy = openCopy(image);
      harness.db = copy.db;
      harness.sqlite = copy.sqlite;
      const actor = entry.valid.role === "anonymous" ? undefined : world.actors[entry.valid.role];
      const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
      const auditMax = () => Number(copy.sqlite.prepare("SELECT coalesce(max(id), 0) FROM audit_log").pluck().get());

      await fc.assert(
        fc.asyncProperty(formArb(entry.valid.fields(world), world), async (entries) => {
          const label = `${key} as ${entry.valid.role} with ${describeEntries(entries)}`;
          const before = snapshotDb(copy.sqlite);
          const lastAudit = auditMax();
          const outcome = await callAs(actor, action.fn, toFormData(entries));
          expectWellFormed(outcome, `${label} → ${JSON.stringify(outcome).slice(0, 300)}`);
          if (isSuccess(outcome)) return;
          const changed = changedTables(before, snapshotDb(copy.sqlite));
          expect(
            changed.filter((t) => !GUESS_TABLES.includes(t)),
            `${label}: a refused call wrote`,
          ).toEqual([]);
          const newAudit = copy.sqlite.prepare("SELECT action FROM audit_log WHERE id > ?").pluck().all(lastAudit) as string[];
          expect(
            newAudit.filter((a) => !GUESS_AUDIT_ACTIONS.includes(a)),
            `${label}: a refused call was audited as done`,
          ).toEqual([]);
        }),
        { numRuns: RUNS, seed: seedFor(key) },
      );
      // IV-01: no key of a form (e.g. "__proto__") may reach Object.prototype.
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      copy.sqlite.close();
    },
    60_000,
  );
});
