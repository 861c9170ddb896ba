/**
 * Import through API v1 (issue 24): a CSV body, a JSON export or a form's file; the dry run answers
 * each problem with its line in the caller's language and writes nothing; apply starts the job whose
 * progress GET answers; cancel; another customer's subscription and job are 404.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { importJobs, mailboxes } from "@/db/schema";
import { anApiDb, anApiKey, callApi } from "../support/api-harness";
import { aCustomerWithPackage, type TestDb, type TestSubscription } from "../support/factories";

vi.mock("@/db", async () => (await import("../support/security/harness")).mockDb());

process.env.KONTOR_SIEVE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-api-import-sieve-"));

let db: TestDb;
let sub: TestSubscription;
let other: TestSubscription;
const keys = { mine: "", other: "" };

// Each test its own database: the dry run's "writes nothing" must not see another test's imports.
beforeEach(async () => {
  db = await anApiDb();
  sub = await aCustomerWithPackage(db, { package: { maxMailboxes: 10 } });
  other = await aCustomerWithPackage(db);
  keys.mine = await anApiKey(db, sub.customer.actor, ["imports:write"], "Umzug");
  keys.other = await anApiKey(db, other.customer.actor, ["imports:write"], "Umzug");
});

const call = async (
  method: string,
  url: string,
  init: { body?: BodyInit; type?: string; lang?: string; key?: string; headers?: Record<string, string> } = {},
) => await callApi(init.key ?? keys.mine, method, url, init);

const csv = (...lines: string[]) => ["type,address,password,quota_mb", ...lines].join("\n");

describe("imports through the API", () => {
  it("answers the dry run with each problem's line in the caller's language and writes nothing", async () => {
    const d = sub.domain.name;
    const file = csv(`mailbox,info@${d},generate,100`, `mailbox,info@${d},generate,100`, `mailbox,x@unbekannt.example,generate,`);
    const en = await call("POST", `/imports?subscription=${sub.subscriptionId}`, { body: file, type: "text/csv" });
    expect(en.status).toBe(200);
    const report = en.json.report as { problems: { line: number; message: string }[]; problemCount: number };
    expect(en.json.applied).toBe(false);
    expect(report.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(report.problems[0].message).toContain("repeats line 2");
    const it_ = await call("POST", `/imports?subscription=${sub.subscriptionId}`, { body: file, type: "text/csv", lang: "it" });
    expect((it_.json.report as typeof report).problems[0].message).not.toBe(report.problems[0].message);
    expect(await db.select().from(mailboxes).where(eq(mailboxes.customerId, sub.customer.id))).toEqual([]);
  });

  it("takes a form's file as well, and refuses other media types", async () => {
    const form = new FormData();
    form.set("file", new File([csv(`mailbox,form@${sub.domain.name},generate,`)], "umzug.csv", { type: "text/csv" }));
    const dry = await call("POST", `/imports?subscription=${sub.subscriptionId}`, { body: form });
    expect([dry.status, (dry.json.report as { counts: { create: number } }).counts.create]).toEqual([200, 1]);
    const xml = await call("POST", `/imports?subscription=${sub.subscriptionId}`, { body: "<x/>", type: "application/xml" });
    expect(xml.status).toBe(415);
  });

  it("applies as a job whose progress GET answers; generated passwords come once; cancel of a finished job keeps it", async () => {
    const address = `api@${sub.domain.name}`;
    const started = await call("POST", `/imports?subscription=${sub.subscriptionId}&apply=1`, {
      body: csv(`mailbox,${address},generate,50`),
      type: "text/csv",
    });
    expect(started.status, JSON.stringify(started.json)).toBe(202);
    const job = started.json.job as { id: number };
    expect(started.headers.get("location")).toBe(`/api/v1/imports/${job.id}`);
    expect((started.json.generatedPasswords as { address: string }[]).map((g) => g.address)).toEqual([address]);
    let progress = await call("GET", `/imports/${job.id}`);
    for (let i = 0; i < 100 && progress.json.state !== "done"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      progress = await call("GET", `/imports/${job.id}`);
    }
    expect(progress.json).toMatchObject({ id: job.id, subscription: sub.subscriptionId, state: "done", total: 1, applied: 1, error: null });
    expect(await db.select({ q: mailboxes.quotaMb }).from(mailboxes).where(eq(mailboxes.address, address))).toEqual([{ q: 50 }]);
    const cancelled = await call("POST", `/imports/${job.id}/cancel`);
    expect([cancelled.status, cancelled.json.state]).toEqual([202, "done"]);

    expect((await call("GET", `/imports/${job.id}`, { key: keys.other })).status).toBe(404);
    expect((await call("POST", `/imports/${job.id}/cancel`, { key: keys.other })).status).toBe(404);
    const foreign = await call("POST", `/imports?subscription=${sub.subscriptionId}`, { body: csv(), type: "text/csv", key: keys.other });
    expect(foreign.status).toBe(404);
  });

  it("refuses an apply of a file with problems as 422 problem+json that carries the report", async () => {
    const jobs = await db.select().from(importJobs);
    const refused = await call("POST", `/imports?subscription=${sub.subscriptionId}&apply=1`, {
      body: csv(`mailbox,kaputt@${sub.domain.name},{NOPE}abc,`),
      type: "text/csv",
    });
    expect([refused.status, refused.headers.get("content-type"), refused.json.type]).toEqual([
      422,
      "application/problem+json",
      "https://kontor.example/problems/validation",
    ]);
    expect(refused.json.detail).toContain("nothing was written");
    const report = refused.json.report as { problems: { line: number; message: string }[]; problemCount: number };
    expect([report.problems.map((p) => p.line), report.problemCount]).toEqual([[2], 1]);
    expect(report.problems[0].message).toMatch(/hash/i);
    expect(await db.select().from(importJobs)).toEqual(jobs);
  });

  it("takes an Idempotency-Key: a retried apply answers the first job again and starts no second one", async () => {
    const before = await db.select().from(importJobs);
    const file = csv(`mailbox,einmal@${sub.domain.name},generate,`);
    const url = `/imports?subscription=${sub.subscriptionId}&apply=1`;
    const send = (body: string, key = "umzug-1", target = url) =>
      call("POST", target, { body, type: "text/csv", headers: { "idempotency-key": key } });
    const first = await send(file);
    const firstJson = first.json as { job: { id: number }; generatedPasswords: unknown[] };
    expect([first.status, firstJson.generatedPasswords.length]).toEqual([202, 1]);
    const again = await send(file);
    const againJson = again.json as { job: { id: number }; generatedPasswords?: unknown[] };
    // The same job; the generated password was shown once and is not kept for the replay.
    expect([again.status, again.headers.get("idempotency-replayed"), againJson.job.id]).toEqual([202, "true", firstJson.job.id]);
    expect(againJson.generatedPasswords).toBeUndefined();
    expect(await db.select().from(importJobs)).toHaveLength(before.length + 1);
    // The same key for another file, or for the same file's dry run, is a mistake of the caller.
    expect((await send(csv(`mailbox,anders@${sub.domain.name},generate,`))).status).toBe(422);
    expect((await send(file, "umzug-1", `/imports?subscription=${sub.subscriptionId}`)).status).toBe(422);
    // A refused apply keeps no claim: the corrected file may be sent with the same key.
    const bad = csv(`mailbox,zweimal@${sub.domain.name},{NOPE}abc,`);
    expect((await send(bad, "umzug-2")).status).toBe(422);
    expect((await send(csv(`mailbox,zweimal@${sub.domain.name},generate,`), "umzug-2")).status).toBe(202);
  });
});
