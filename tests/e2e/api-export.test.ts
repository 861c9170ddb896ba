/**
 * Export through API v1 against the running panel (issue 24): GET /api/v1/subscriptions/{id}/export
 * as CSV and JSON, whole, another tenant's subscription 404, hashes without the
 * administration's right 403 in the caller's language; an admin's export with hashes, its domain
 * renamed, imported into another customer through POST /imports gives the same data; and
 * `kontor export`, which writes the whole file (mode 0600) or nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiTenant, openApiWorld } from "./support/api-world";
import { BASE_URL } from "./support/browser";
import { runKontor } from "./support/kontor-cli";

const world = openApiWorld();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-export-"));
let a: ApiTenant;
let b: ApiTenant;
const keys = { a: "", b: "", admin: "" };

type ExportJson = { domains: { name: string; mailboxes: { address: string; passwordHash?: string }[] }[] };

async function call(
  url: string,
  init: { key?: string; lang?: string; method?: string; body?: string; type?: string; encoding?: string } = {},
) {
  // identity unless a test asks otherwise: Next gzips a text answer on the fly for a client that
  // accepts it. Either way the answer comes chunked; the file is made whole before its first byte
  // (lib/services/import/export-file.ts), which the bodies below check.
  const headers: Record<string, string> = {
    authorization: `Bearer ${init.key ?? keys.a}`,
    "accept-language": init.lang ?? "en",
    "accept-encoding": init.encoding ?? "identity",
  };
  if (init.type) headers["content-type"] = init.type;
  const res = await fetch(`${BASE_URL}/api/v1${url}`, { method: init.method ?? "GET", headers, body: init.body });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString("utf8") };
}

/** `kontor` with the panel's URL; the key comes in `env`. */
const kontor = (args: string[], env: Record<string, string>) => runKontor(args, { home: dir, env: { KONTOR_URL: BASE_URL, ...env } });

beforeAll(async () => {
  a = await world.tenant("export-a");
  b = await world.tenant("export-b");
  keys.a = await world.keyFor(a.customer, ["exports:read"], "Auszug");
  keys.b = await world.keyFor(b.customer, ["exports:read", "imports:write"], "Umzug");
  keys.admin = await world.keyFor(await world.admin(), ["exports:read"], "Migration");
});
afterAll(async () => {
  await world.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("export through the API", () => {
  it("answers CSV and JSON whole and without hashes; other tenants 404, hashes 403", async () => {
    const csv = await call(`/subscriptions/${a.subscriptionId}/export`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.text).toContain(a.address);
    expect(csv.text).not.toContain("$argon2");
    const json = await call(`/subscriptions/${a.subscriptionId}/export?format=json`);
    expect(json.status).toBe(200);
    expect((JSON.parse(json.text) as ExportJson).domains[0].mailboxes.map((m) => m.address)).toEqual([a.address]);
    // A client that accepts compression gets the same file, compressed.
    const gzipped = await call(`/subscriptions/${a.subscriptionId}/export?format=json`, { encoding: "gzip, deflate, br" });
    expect(gzipped.status).toBe(200);
    expect(gzipped.text).toBe(json.text);

    const foreign = await call(`/subscriptions/${a.subscriptionId}/export`, { key: keys.b });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("content-type")).toContain("application/problem+json");
    const it_ = await call(`/subscriptions/${a.subscriptionId}/export?hashes=1`, { lang: "it" });
    const de = await call(`/subscriptions/${a.subscriptionId}/export?hashes=1`, { lang: "de" });
    expect([it_.status, de.status]).toEqual([403, 403]);
    expect((JSON.parse(it_.text) as { detail: string }).detail).toContain("amministrazione");
    expect((JSON.parse(de.text) as { detail: string }).detail).toContain("Administration");
  });

  it("an admin's export with hashes imports into another customer with the same data", async () => {
    const file = await call(`/subscriptions/${a.subscriptionId}/export?format=json&hashes=1`, { key: keys.admin });
    expect(file.status).toBe(200);
    const original = JSON.parse(file.text) as ExportJson;
    expect(original.domains[0].mailboxes[0].passwordHash).toMatch(/^\{ARGON2ID\}|^\$argon2id/);
    const moved = `umzug-${world.tag}.example`;
    const renamed = file.text.replaceAll(a.domain, moved);
    const started = await call(`/imports?subscription=${b.subscriptionId}&apply=1`, {
      key: keys.b,
      method: "POST",
      body: renamed,
      type: "application/json",
    });
    expect(started.status, started.text).toBe(202);
    let job = (JSON.parse(started.text) as { job: { id: number; state: string } }).job;
    for (let i = 0; i < 120 && !["done", "failed", "cancelled"].includes(job.state); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = JSON.parse((await call(`/imports/${job.id}`, { key: keys.b })).text) as typeof job;
    }
    expect(job.state).toBe("done");
    const again = await call(`/subscriptions/${b.subscriptionId}/export?format=json&hashes=1`, { key: keys.admin });
    const domain = (JSON.parse(again.text) as ExportJson).domains.find((d) => d.name === moved);
    expect(JSON.stringify(domain)).toBe(JSON.stringify((JSON.parse(renamed) as ExportJson).domains[0]));
  });

  it("kontor export writes the whole file with mode 0600, or nothing and exit 4 for hashes without the right", async () => {
    const out = path.join(dir, "a.csv");
    const res = await kontor(["export", "--subscription", String(a.subscriptionId), "--output", out], { KONTOR_API_KEY: keys.a });
    expect(res.stderr).toContain("Export saved");
    expect(res.code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(out, "utf8")).toBe((await call(`/subscriptions/${a.subscriptionId}/export`)).text);
    const stdout = await kontor(["export", "--subscription", String(a.subscriptionId), "--format", "json"], { KONTOR_API_KEY: keys.a });
    expect((JSON.parse(stdout.stdout) as ExportJson).domains[0].name).toBe(a.domain);
    const refused = path.join(dir, "hashes.csv");
    const denied = await kontor(["export", "--subscription", String(a.subscriptionId), "--hashes", "--output", refused], {
      KONTOR_API_KEY: keys.a,
    });
    expect(denied.code).toBe(4);
    expect(denied.stderr).toContain("Only the administration may export password hashes.");
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("hashes") || f.endsWith(".part"))).toEqual([]);
  });
});
