// The API client of the `kontor` command, built from the OpenAPI description the server publishes
// (/api/v1/openapi.json): operations are called by operationId, their path and query parameters and
// methods come from the description, so the client cannot drift from the API.

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

export class ConnectionError extends Error {}

export function createClient({ url, key, lang, fetchImpl = fetch }) {
  const base = url.replace(/\/+$/, "");
  let operations;

  /**
   * `raw`: a file sent as it is ({ body, type }), e.g. an import's CSV; otherwise `body` goes as JSON.
   * `download`: the answer is a file (an export), returned as `bytes` with its declared length; an error is still a problem.
   */
  async function request(method, path, { body, headers = {}, raw, download } = {}) {
    const h = { accept: "application/json", "accept-language": lang, ...headers };
    if (key) h.authorization = `Bearer ${key}`;
    if (body !== undefined) h["content-type"] = "application/json";
    if (raw) h["content-type"] = raw.type;
    let res;
    try {
      const sent = raw ? raw.body : body === undefined ? undefined : JSON.stringify(body);
      res = await fetchImpl(`${base}/api/v1${path}`, { method, headers: h, body: sent });
    } catch (error) {
      throw new ConnectionError(error?.cause?.message ?? error?.message ?? String(error));
    }
    if (download && res.ok) {
      const bytes = Buffer.from(await res.arrayBuffer());
      return { status: res.status, bytes, length: Number(res.headers.get("content-length") ?? bytes.length), headers: res.headers };
    }
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { title: `HTTP ${res.status}` };
    }
    if (!res.ok) throw new ApiError(res.status, json, res.headers.get("retry-after") ?? undefined);
    return { status: res.status, json, headers: res.headers };
  }

  async function loadOperations() {
    if (operations) return operations;
    const { json } = await request("GET", "/openapi.json");
    operations = new Map();
    for (const [path, methods] of Object.entries(json.paths)) {
      for (const [method, op] of Object.entries(methods)) operations.set(op.operationId, { path, method: method.toUpperCase(), op });
    }
    return operations;
  }

  /** Calls an operation of the description; unknown parameters are refused before anything is sent. */
  async function call(operationId, { params = {}, query = {}, body, headers, raw, download } = {}) {
    const entry = (await loadOperations()).get(operationId);
    if (!entry) throw new Error(`operation ${operationId} is not in the server's OpenAPI description`);
    const declared = new Map(entry.op.parameters.map((p) => [`${p.in}:${p.name}`, p]));
    const path = entry.path.replace(/\{(\w+)\}/g, (_m, name) => {
      if (params[name] === undefined) throw new Error(`missing path parameter ${name}`);
      return encodeURIComponent(String(params[name]));
    });
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === "") continue;
      if (!declared.has(`query:${name}`)) throw new Error(`${operationId} has no query parameter ${name}`);
      search.set(name, String(value));
    }
    const qs = search.toString();
    return request(entry.method, qs ? `${path}?${qs}` : path, { body, headers, raw, download });
  }

  return { call, request };
}
