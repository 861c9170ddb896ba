import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { config, ConfigError } from "@/lib/config";
import { parseSettings, SETTING_NAMES } from "@/lib/config/settings.mjs";

const LONG_SECRET = "s".repeat(40);

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("parseSettings accepted a wrong configuration");
}

describe("settings", () => {
  it("applies the documented defaults to an empty environment", () => {
    const s = parseSettings({});
    expect(s.server).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      distDir: ".next",
      workerHeapMb: 256,
      workerSemiMb: 8,
      trustProxy: false,
    });
    expect(s.paths.db).toBe(path.join(process.cwd(), "data", "kontor.db"));
    expect(s.paths.sieveDir).toBe(path.join(process.cwd(), "data", "dovecot", "sieve"));
    expect(s.dovecot).toEqual({ imapPort: 10143, submissionPort: 10587, lmtpPort: 10024, relayPort: 10025, quotaStatusPort: 10026 });
    // The quota-status port follows the LMTP port unless set, so each test slot has its own.
    expect(parseSettings({ KONTOR_LMTP_PORT: "10224" }).dovecot.quotaStatusPort).toBe(10226);
    expect(parseSettings({ KONTOR_LMTP_PORT: "10224", KONTOR_QUOTA_STATUS_PORT: "12000" }).dovecot.quotaStatusPort).toBe(12000);
    expect(s.timeZone).toBe("Europe/Berlin");
    expect(s.demo).toBe(false);
  });

  it("treats an empty value as unset", () => {
    expect(parseSettings({ PORT: "", KONTOR_DB: "" }).server.port).toBe(3000);
  });

  it("names the variable and its value when a port is not a number", () => {
    expect(problemsOf({ PORT: "abc" })).toEqual(['PORT="abc" is not a port (a whole number from 1 to 65535)']);
    expect(problemsOf({ KONTOR_IMAP_PORT: "70000" })).toEqual(['KONTOR_IMAP_PORT="70000" is not a port (a whole number from 1 to 65535)']);
  });

  it("refuses a relative path", () => {
    expect(problemsOf({ KONTOR_DB: "data/kontor.db" })).toEqual([
      'KONTOR_DB="data/kontor.db" must be an absolute path (scripts and servers run from different folders)',
    ]);
  });

  it("keeps the build folder inside the project", () => {
    expect(parseSettings({ NEXT_DIST_DIR: ".next-bench" }).server.distDir).toBe(".next-bench");
    expect(problemsOf({ NEXT_DIST_DIR: ".." })).toEqual([
      'NEXT_DIST_DIR=".." must be .next or .next-<name> inside the project, such as .next-test',
    ]);
  });

  it("lists every wrong variable at once", () => {
    const problems = problemsOf({
      KONTOR_TRUST_PROXY: "yes",
      KONTOR_TIME_ZONE: "Mars/Olympus",
      KONTOR_PUBLIC_URL: "kontor.example",
      KONTOR_WORKERS: "0",
    });
    expect(problems.map((p) => p.split("=")[0]).sort()).toEqual([
      "KONTOR_PUBLIC_URL",
      "KONTOR_TIME_ZONE",
      "KONTOR_TRUST_PROXY",
      "KONTOR_WORKERS",
    ]);
    expect(problems.join("\n")).toContain("is not a time zone");
  });

  it("requires AUTH_SECRET of a production server, but not while building or for the demo", () => {
    expect(problemsOf({ NODE_ENV: "production" })[0]).toMatch(/^AUTH_SECRET is missing: a production server needs/);
    expect(parseSettings({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }).auth.secret).toBeUndefined();
    expect(parseSettings({ NODE_ENV: "production", KONTOR_DEMO: "1" }).demo).toBe(true);
    expect(parseSettings({ NODE_ENV: "production", AUTH_SECRET: LONG_SECRET }).auth.secret).toBe(LONG_SECRET);
  });

  it("never shows a secret's value", () => {
    const problems = problemsOf({ NODE_ENV: "production", AUTH_SECRET: "tooshort-but-secret" });
    expect(problems).toEqual(["AUTH_SECRET=(hidden) is too short: use at least 32 random characters (openssl rand -base64 33)"]);
  });

  describe("config()", () => {
    const before = process.env.KONTOR_TIME_ZONE;
    afterEach(() => {
      if (before === undefined) delete process.env.KONTOR_TIME_ZONE;
      else process.env.KONTOR_TIME_ZONE = before;
    });

    it("sees a variable a test changes", () => {
      process.env.KONTOR_TIME_ZONE = "America/New_York";
      expect(config().timeZone).toBe("America/New_York");
      process.env.KONTOR_TIME_ZONE = "Asia/Tokyo";
      expect(config().timeZone).toBe("Asia/Tokyo");
    });
  });

  it("stops the production server at start with the variable's name", () => {
    const r = spawnSync(process.execPath, ["scripts/serve.mjs", "--port", "abc"], {
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, AUTH_SECRET: LONG_SECRET },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT="abc" is not a port');
    const noSecret = spawnSync(process.execPath, ["scripts/serve.mjs", "--port", "3999"], {
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, AUTH_SECRET: "", KONTOR_DEMO: "" },
    });
    expect(noSecret.status).toBe(1);
    expect(noSecret.stderr).toContain("AUTH_SECRET is missing");
  });

  it("has every setting in the README's table", () => {
    const readme = fs.readFileSync(path.join(process.cwd(), "README.md"), "utf8");
    const documented = new Set([...readme.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((m) => m[1]));
    const missing = SETTING_NAMES.filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });
});
