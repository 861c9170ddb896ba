import http from "node:http";
import { BASE_URL } from "./browser";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };
type Options = { method?: string; headers?: Record<string, string>; body?: Buffer | string; localAddress?: string };

/**
 * One request through node:http, which (unlike fetch) can choose the local address: every 127.x.y.z
 * is this machine, so a test can be "another visitor" with an address of its own.
 */
export function rawRequest(path: string, { method = "GET", headers = {}, body, localAddress }: Options = {}): Promise<RawResponse> {
  const url = new URL(path, BASE_URL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const decodeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * The hidden fields React renders into a server-rendered form for its server action (what a browser
 * without JavaScript posts), from the first form on the page that contains `marker`.
 */
export function actionFields(html: string, marker: string): [string, string][] {
  const form = html.split("<form").find((part) => part.includes(marker));
  if (!form) throw new Error(`no form with ${marker}`);
  const inputs = form.slice(0, form.indexOf("</form>")).matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g);
  return [...inputs].map((m) => [m[1], decodeHtml(m[2] ?? "")]);
}

/** The id of the first server action named in those fields. */
export function actionId(fields: [string, string][]): string {
  for (const [name, value] of fields) {
    if (name.startsWith("$ACTION_ID_")) return name.slice("$ACTION_ID_".length);
    const id = /"id":"([0-9a-f]+)"/.exec(value)?.[1];
    if (id) return id;
  }
  throw new Error("no action id");
}

/** A multipart body as a browser sends it. */
export async function multipart(fields: [string, string][]): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type") ?? "" };
}

/** Posts the page's form as a browser without JavaScript would, from the page's own origin. */
export async function postPageForm(
  path: string,
  marker: string,
  fields: Record<string, string>,
  options: Omit<Options, "body" | "method"> = {},
) {
  const page = await rawRequest(path, { localAddress: options.localAddress, headers: { cookie: options.headers?.cookie ?? "" } });
  const { body, contentType } = await multipart([...actionFields(page.body, marker), ...Object.entries(fields)]);
  return rawRequest(path, {
    ...options,
    method: "POST",
    body,
    headers: { origin: new URL(BASE_URL).origin, ...options.headers, "content-type": contentType, "content-length": String(body.length) },
  });
}
