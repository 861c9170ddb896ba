/** One autocannon run against a URL, with the server's CPU time per request over the same interval. */
import autocannon from "autocannon";
import { cpuSeconds } from "./server";

export type LoadResult = {
  name: string;
  url: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  cpuMsPerRequest: number;
};

export type LoadSpec = {
  name: string;
  url: string;
  cookie?: string;
  method?: "GET" | "POST" | "PATCH";
  body?: string;
  headers?: Record<string, string>;
  connections?: number;
  seconds?: number;
  /** Status codes that count as success besides 2xx (e.g. 303 after a login). */
  okStatus?: number[];
  /** Requests per connection, cycled: connection i sends perConnection[i]. Replaces url/body. */
  perConnection?: {
    method: "GET" | "POST" | "PATCH";
    path: string;
    body?: string;
    headers?: Record<string, string>;
    /** autocannon's hook, called before every send: a body that differs each time (a new address per create). */
    setupRequest?: (req: autocannon.Request) => autocannon.Request;
  }[][];
};

export async function runLoad(spec: LoadSpec, serverPid: number): Promise<LoadResult> {
  const cpuBefore = cpuSeconds(serverPid);
  let client = 0;
  const perConnection = spec.perConnection;
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? "GET",
    body: spec.body,
    headers: { ...(spec.cookie ? { cookie: spec.cookie } : {}), ...spec.headers },
    connections: perConnection?.length ?? spec.connections ?? 10,
    duration: spec.seconds ?? 15,
    timeout: 10,
    ...(perConnection ? { setupClient: (c: autocannon.Client) => c.setRequests(perConnection[client++ % perConnection.length]) } : {}),
  });
  const cpu = cpuSeconds(serverPid) - cpuBefore;
  const ok = new Set(spec.okStatus ?? []);
  const statusCounts = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const non2xx = Object.entries(statusCounts)
    .filter(([code]) => !code.startsWith("2") && !ok.has(Number(code)))
    .reduce((n, [, v]) => n + v.count, 0);
  const requests = result.requests.total;
  return {
    name: spec.name,
    url: spec.url,
    connections: perConnection?.length ?? spec.connections ?? 10,
    requests,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx,
    cpuMsPerRequest: requests ? (cpu * 1000) / requests : 0,
  };
}
