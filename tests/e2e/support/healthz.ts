import { expect } from "vitest";

export type Answer = { status: number; body: Record<string, unknown>; text: string; headers: Headers };

export async function healthz(base: string): Promise<Answer> {
  const res = await fetch(`${base}/healthz`, { redirect: "manual" });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown>, headers: res.headers };
}

/** Polls until `ok` holds (answers are reused for up to a second per worker, so a change shows a moment later). */
export async function eventually(base: string, ok: (a: Answer) => boolean, timeoutMs = 20_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  let last: Answer | undefined;
  while (Date.now() < deadline) {
    try {
      last = await healthz(base);
      if (ok(last)) return last;
    } catch {
      // the server is still starting
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`/healthz never answered as expected; last: ${last ? `${last.status} ${last.text}` : "no answer"}`);
}

export function expectNothingToHide(answer: Answer) {
  expect(answer.headers.get("cache-control")).toBe("no-store");
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.headers.get("set-cookie")).toBeNull();
  // No version, host name, path or port: only states.
  expect(answer.text).not.toMatch(/\d+\.\d+|dovecot ready|postfix \(|ESMTP|\/tmp\/|\.db"|127\.0\.0\.1|kontor\.localhost/i);
}
