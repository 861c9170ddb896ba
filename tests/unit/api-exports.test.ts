/**
 * Export through API v1 (issue 24): GET /subscriptions/{id}/export answers the whole file (CSV or
 * JSON) with its Content-Length, audited as the panel's download; another tenant's subscription is
 * 404, hashes without the administration's right 403 in the caller's language, a key without the
 * scope 403; the exported file imports into another customer of an empty installation with the same
 * data.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "@/db/schema";
import { exportSubscription } from "@/lib/services/import/export-data";
import { readImportFile } from "@/lib/services/import/read-json";
import { applyImport } from "@/lib/services/import/run-import";
import { anApiDb, anApiKey, callApi } from "../support/api-harness";
import { anImportedSubscription, oneChunk, SHA512_HASH } from "../support/import-files";
import { aCustomerWithPackage, anAdmin, emptyDb, type TestDb, type TestSubscription } from "../support/factories";

vi.mock("@/db", async () => (await import("../support/security/harness")).mockDb());

process.env.KONTOR_SIEVE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-api-export-sieve-"));

let db: TestDb;
let sub: TestSubscription;
let other: TestSubscription;
const keys = { mine: "", other: "", admin: "", importsOnly: "" };

beforeAll(async () => {
  db = await anApiDb();
  sub = await anImportedSubscription(db);
  other = await aCustomerWithPackage(db);
  keys.mine = await anApiKey(db, sub.customer.actor, ["exports:read"], "Auszug");
  keys.other = await anApiKey(db, other.customer.actor, ["exports:read"], "Auszug");
  keys.admin = await anApiKey(db, await anAdmin(db), ["exports:read"], "Auszug");
  keys.importsOnly = await anApiKey(db, sub.customer.actor, ["imports:write"], "Auszug");
});

const get = async (url: string, init: { key?: string; lang?: string } = {}) => await callApi(init.key ?? keys.mine, "GET", url, init);

const exportsOf = async (on: TestDb, subscriptionId: number) =>
  await on
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "export.download"), eq(auditLog.targetId, subscriptionId)));

describe("export through the API", () => {
  it("answers a customer's CSV and JSON whole, with Content-Length and without hashes, each audited", async () => {
    const before = (await exportsOf(db, sub.subscriptionId)).length;
    const csv = await get(`/subscriptions/${sub.subscriptionId}/export`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(Number(csv.headers.get("content-length"))).toBe(csv.bytes.length);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="kontor-export-${sub.subscriptionId}.csv"`);
    expect(csv.headers.get("cache-control")).toBe("private, no-store");
    expect(csv.text.split(/\r?\n/)[0]).toMatch(/^type,address,password/);
    expect(csv.text).toContain(`info@${sub.domain.name}`);
    expect(csv.text).not.toContain("$6$");

    const json = await get(`/subscriptions/${sub.subscriptionId}/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(Number(json.headers.get("content-length"))).toBe(json.bytes.length);
    const data = JSON.parse(json.text) as { domains: { name: string; mailboxes: { address: string }[] }[] };
    expect(data.domains.map((d) => d.name)).toEqual([sub.domain.name]);
    expect(data.domains[0].mailboxes.map((m) => m.address.split("@")[0])).toEqual(["aus", "info"]);
    expect(json.text).not.toContain("$6$");
    expect((await exportsOf(db, sub.subscriptionId)).length).toBe(before + 2);
  });

  it("answers another tenant's subscription 404, hashes without the right 403 in the caller's language, a key without the scope 403", async () => {
    const foreign = await get(`/subscriptions/${sub.subscriptionId}/export`, { key: keys.other });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("content-type")).toContain("application/problem+json");
    expect((await get(`/subscriptions/999999/export`)).status).toBe(404);
    const de = await get(`/subscriptions/${sub.subscriptionId}/export?hashes=1`, { lang: "de" });
    const en = await get(`/subscriptions/${sub.subscriptionId}/export?hashes=1`, { lang: "en" });
    expect([de.status, en.status]).toEqual([403, 403]);
    expect((JSON.parse(en.text) as { detail: string }).detail).toBe("Only the administration may export password hashes.");
    expect((JSON.parse(de.text) as { detail: string }).detail).toContain("Passwort-Hashes");
    expect(de.text).not.toContain("$6$");
    expect((await get(`/subscriptions/${sub.subscriptionId}/export`, { key: keys.importsOnly })).status).toBe(403);
    const bad = await get(`/subscriptions/${sub.subscriptionId}/export?format=xml`);
    expect(bad.status).toBe(422);
  });

  it("gives an admin the hashes; the file imports into another customer of an empty installation with the same data", async () => {
    for (const format of ["csv", "json"] as const) {
      const file = await get(`/subscriptions/${sub.subscriptionId}/export?format=${format}&hashes=1`, { key: keys.admin });
      expect(file.status).toBe(200);
      expect(file.text).toContain(format === "csv" ? SHA512_HASH : JSON.stringify(SHA512_HASH));
      const fresh = (await emptyDb()).db;
      const target = await aCustomerWithPackage(fresh, { package: { maxMailboxes: 10 }, domain: `andere-${format}.example` });
      const read = await readImportFile(oneChunk(file.text));
      expect(read.problems).toEqual([]);
      const { report } = await applyImport(target.customer.actor, target.subscriptionId, read.rows, [], {}, fresh);
      expect(report.problems).toEqual([]);
      const admin = await anAdmin(db);
      const original = await exportSubscription(admin, sub.subscriptionId, { withHashes: true, format: "json" }, db);
      const again = await exportSubscription(await anAdmin(fresh), target.subscriptionId, { withHashes: true, format: "json" }, fresh);
      expect(again.domains.find((d) => d.name === sub.domain.name)).toEqual(original.domains[0]);
    }
  });
});
