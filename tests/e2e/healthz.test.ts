/**
 * GET /healthz, as a load balancer polls it, on the runner's server with its Dovecot and Postfix: on
 * SQLite, and in the PostgreSQL pass of scripts/test-all.sh on PostgreSQL. A server whose parts fail:
 * healthz-failing-parts.test.ts.
 */
import { describe, expect, it } from "vitest";
import { databaseKind } from "@/lib/config";
import { BASE_URL } from "./support/browser";
import { expectNothingToHide, healthz } from "./support/healthz";

describe("GET /healthz on the runner's server", () => {
  it("answers 200 with every part up, without a session, and no cache", async () => {
    const answer = await healthz(BASE_URL);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({
      status: "ok",
      database: { kind: databaseKind(), reachable: true, migrations: "current", writable: true },
      dovecot: { imap: "up", lmtp: "up" },
      postfix: { smtp: "up" },
    });
    expectNothingToHide(answer);
  });

  it("answers HEAD for load balancers that poll with it", async () => {
    const res = await fetch(`${BASE_URL}/healthz`, { method: "HEAD" });
    expect(res.status).toBe(200);
  });
});
