import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { authThrottle } from "@/db/schema";
import { BASE_URL, launchChromium } from "./support/browser";
import { actionFields, actionId, multipart, rawRequest } from "./support/raw-http";
import { openRunDb } from "../support/run-db";

/**
 * Issue 25 (18): server-action requests that Next's own checks refuse used to answer HTTP 500 with a
 * digest. The production server answers them with the fitting 4xx and a text in the visitor's
 * language (lib/security/action-guard.mjs), and nothing is carried out.
 */
const { db, close } = openRunDb();
afterAll(close);

const ORIGIN = new URL(BASE_URL).origin;
let loginAction = "";
let formFields: [string, string][] = [];
beforeAll(async () => {
  formFields = actionFields((await rawRequest("/login")).body, 'name="identifier"');
  loginAction = actionId(formFields);
});

const counted = async (identifier: string) =>
  (
    await db
      .select({ n: count() })
      .from(authThrottle)
      .where(eq(authThrottle.key, `acct:ksc:${identifier}`))
  )[0];

/** A login as React's client posts it (fetch action), or as a browser without JavaScript does. */
async function postLogin({
  fetchAction = true,
  headers = {},
  identifier = `refusal-${randomUUID().slice(0, 8)}@test.example`,
  extra = "",
} = {}) {
  const fields: [string, string][] = fetchAction
    ? [
        ["_1_identifier", identifier + extra],
        ["_1_password", "Falsches-Passwort"],
        ["_1_area", "ksc"],
        ["0", '[{"status":"idle"},"$K1"]'],
      ]
    : [...formFields, ["identifier", identifier + extra], ["password", "Falsches-Passwort"], ["area", "ksc"]];
  const { body, contentType } = await multipart(fields);
  const res = await rawRequest("/login", {
    method: "POST",
    body,
    headers: {
      origin: ORIGIN,
      "content-type": contentType,
      "content-length": String(body.length),
      ...(fetchAction ? { "next-action": loginAction } : {}),
      ...headers,
    },
  });
  return { ...res, identifier };
}

describe("refused server actions answer 4xx in the visitor's language", () => {
  it("a fetch action from a foreign origin: 403 with the reason as plain text, nothing counted", async () => {
    const res = await postLogin({ headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(res.headers["content-type"]).toBe("text/plain");
    expect(res.body).toContain("nicht von einer Kontor-Seite");
    expect((await counted(res.identifier)).n).toBe(0);
  });

  it("Origin: null (a sandboxed frame, a redirect chain): 403, in English for an English visitor", async () => {
    const res = await postLogin({ headers: { origin: "null", cookie: "NEXT_LOCALE=en" } });
    expect(res.status).toBe(403);
    expect(res.body).toContain("did not come from a Kontor page");
  });

  it("a plain form posted from a foreign origin: 403 page in Italian for an Italian visitor", async () => {
    const res = await postLogin({ fetchAction: false, headers: { origin: "https://evil.example", cookie: "NEXT_LOCALE=it" } });
    expect(res.status).toBe(403);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain('<html lang="it">');
    expect(res.body).toContain("<h1>Richiesta rifiutata</h1>");
    expect((await counted(res.identifier)).n).toBe(0);
  });

  it("a body of 1.4 MB: 413, for the app's fetch and for a plain form", async () => {
    const big = "a".repeat(1_400_000);
    const fetched = await postLogin({ extra: big });
    expect(fetched.status).toBe(413);
    expect(fetched.body).toContain("zu umfangreich");
    const posted = await postLogin({ fetchAction: false, extra: big });
    expect(posted.status).toBe(413);
    expect(posted.body).toContain("<h1>Anfrage abgelehnt</h1>");
  });

  it("a JSON body instead of a form: 400", async () => {
    const body = JSON.stringify({ identifier: "jemand@test.example", password: "x", area: "ksc" });
    const res = await rawRequest("/login", {
      method: "POST",
      body,
      headers: {
        origin: ORIGIN,
        "next-action": loginAction,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
      },
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain("kein gültiges Formular");
  });

  /** A fetch action whose text/plain body is `body`, as React's client would send plain arguments. */
  const postPlain = (body: string, cookie = "") =>
    rawRequest("/login", {
      method: "POST",
      body,
      headers: {
        origin: ORIGIN,
        "next-action": loginAction,
        "content-type": "text/plain;charset=UTF-8",
        "content-length": String(Buffer.byteLength(body)),
        ...(cookie ? { cookie } : {}),
      },
    });

  it("a text/plain body React cannot decode (not JSON, or a reference to a part it lacks): 400, never a 500", async () => {
    const garbage = await postPlain("this is not what React sends");
    expect(garbage.status).toBe(400);
    expect(garbage.headers["content-type"]).toBe("text/plain");
    expect(garbage.body).toContain("kein gültiges Formular");
    const dangling = await postPlain('[{"status":"idle"},"$K1"]', "NEXT_LOCALE=en");
    expect(dangling.status).toBe(400);
    expect(dangling.body).not.toContain("kein gültiges Formular");
  });

  it("a decodable text/plain body still reaches the action, which refuses arguments that are no form", async () => {
    const res = await postPlain('[{"status":"idle"},"$undefined"]');
    expect(res.status).toBe(200);
  });

  it("a body without a length (chunked): 411", async () => {
    const res = await rawRequest("/login", {
      method: "POST",
      body: '[{"status":"idle"}]',
      headers: { origin: ORIGIN, "next-action": loginAction, "content-type": "text/plain;charset=UTF-8", "transfer-encoding": "chunked" },
    });
    expect(res.status).toBe(411);
  });

  it("a correct request from the page's own origin still reaches the action", async () => {
    const res = await postLogin();
    expect(res.status).toBe(200);
    expect(res.body).toContain("Die Anmeldung ist fehlgeschlagen.");
    expect((await counted(res.identifier)).n).toBe(1);
  });
});

describe("in the browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a form too large for the server shows the reason in the user's language, not a crash", async () => {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    const answers: number[] = [];
    page.on("response", (r) => {
      if (r.request().method() === "POST") answers.push(r.status());
    });
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole("button", { name: "en", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: "Log in" }).count()).toBe(1);
    await page.getByRole("textbox", { name: "E-mail address" }).fill("x".repeat(1_400_000));
    await page.getByLabel("Password", { exact: true }).fill("Falsches-Passwort");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect.poll(() => page.locator("main[role=alert]").textContent()).toContain("The entries are too large (1 MB at most).");
    expect(answers).toContain(413);
    expect(await page.getByRole("heading", { name: "Request refused" }).count()).toBe(1);
    await context.close();
  });
});
