#!/usr/bin/env node
// `kontor`: the command line of Kontor's API v1 (README "Command line"). Exit codes are documented in
// `kontor --help` and stay stable for scripts.
import { parseArgs } from "node:util";
import { ApiError, ConnectionError, createClient } from "./client.mjs";
import { readConfig, writeConfig } from "./config.mjs";
import { cliLanguage, texts } from "./messages.mjs";
import { parseQuota, printRecord, printRows } from "./output.mjs";
import { ask, askHidden, readLine } from "./prompt.mjs";

const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  unauthorized: 3,
  forbidden: 4,
  notFound: 5,
  conflict: 6,
  invalid: 7,
  rateLimited: 8,
  connection: 9,
};
const T = texts();

class UsageError extends Error {}

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
  csv: { type: "boolean" },
  url: { type: "string" },
  key: { type: "string" },
  prefix: { type: "string" },
  limit: { type: "string" },
  all: { type: "boolean" },
  quota: { type: "string" },
  enable: { type: "boolean" },
  disable: { type: "boolean" },
  "password-stdin": { type: "boolean" },
  stdin: { type: "boolean" },
  generate: { type: "boolean" },
  yes: { type: "boolean" },
  search: { type: "string" },
  status: { type: "string" },
  subject: { type: "string" },
  message: { type: "string" },
  category: { type: "string" },
  action: { type: "string" },
  target: { type: "string" },
};

function format(values) {
  return values.json ? "json" : values.csv ? "csv" : "table";
}

function need(value, name) {
  if (!value) throw new UsageError(T.missingArg(name));
  return value;
}

function client() {
  const { url, key } = readConfig();
  if (!url || !key) {
    const e = new ApiError(401, { title: T.notLoggedIn });
    e.local = true;
    throw e;
  }
  return createClient({ url, key, lang: cliLanguage() });
}

/** A mailbox by address: the API lists by domain and prefix, so the id is one page away. */
async function findMailbox(api, address) {
  const at = address.lastIndexOf("@");
  if (at < 1) throw new UsageError(T.noMailbox(address));
  const local = address.slice(0, at).toLowerCase();
  const { json } = await api.call("listMailboxes", { query: { domain: address.slice(at + 1), prefix: local, limit: 500 } });
  const hit = json.items.find((m) => m.address === `${local}@${address.slice(at + 1).toLowerCase()}` || m.address.split("@")[0] === local);
  if (!hit) throw new ApiError(404, { title: T.noMailbox(address) });
  return hit;
}

async function newPassword(values) {
  if (values.generate) return null;
  if (values.stdin || values["password-stdin"] || !process.stdin.isTTY) return readLine();
  const first = await askHidden(T.newPassword);
  const second = await askHidden(T.repeatPassword);
  if (first !== second) throw new UsageError(T.mismatch);
  return first;
}

const COMMANDS = {
  async login(values) {
    const url = values.url || (await ask(T.loginUrl));
    const key = values.key || (await askHidden(T.loginKey));
    const api = createClient({ url: need(url, "--url"), key: need(key, "--key"), lang: cliLanguage() });
    const { json } = await api.call("whoAmI");
    const file = writeConfig({ url, key });
    process.stdout.write(T.loginSaved(file, json.login) + "\n");
  },
  async whoami(values) {
    const { json } = await client().call("whoAmI");
    printRecord(
      { login: json.login, role: json.role, key: json.key.name, scopes: json.key.scopes.join(" "), expiresAt: json.key.expiresAt },
      { format: format(values) },
    );
  },
  async "mailbox list"(values, [domain]) {
    const api = client();
    const rows = [];
    let cursor;
    do {
      const { json } = await api.call("listMailboxes", {
        query: { domain: need(domain, "<domain>"), prefix: values.prefix, limit: values.limit ?? 100, cursor },
      });
      rows.push(...json.items);
      cursor = values.all ? json.nextCursor : null;
    } while (cursor);
    printRows(rows, ["id", "address", "quotaMb", "enabled", "spamFilter"], { format: format(values) });
  },
  async "mailbox show"(values, [address]) {
    const api = client();
    const m = await findMailbox(api, need(address, "<address>"));
    const { json } = await api.call("getMailbox", { params: { id: m.id } });
    printRecord(json, { format: format(values) });
  },
  async "mailbox create"(values, [address]) {
    const quota = values.quota === undefined ? null : parseQuota(values.quota);
    if (quota === undefined) throw new UsageError(T.badQuota(values.quota));
    const password = values["password-stdin"] ? await readLine() : null;
    const { json } = await client().call("createMailbox", { body: { address: need(address, "<address>"), quotaMb: quota, password } });
    if (format(values) === "json") return printRecord(json, { format: "json" });
    const { password: generated, ...mailbox } = json;
    printRecord(mailbox, { format: "table" });
    if (generated) process.stdout.write(T.generatedPassword(generated) + "\n");
  },
  async "mailbox passwd"(values, [address]) {
    const api = client();
    const m = await findMailbox(api, need(address, "<address>"));
    const password = await newPassword(values);
    const { json } = await api.call("setMailboxPassword", { params: { id: m.id }, body: { password } });
    process.stdout.write((json?.password ? T.generatedPassword(json.password) : T.passwordSet) + "\n");
  },
  async "mailbox set"(values, [address]) {
    const body = {};
    if (values.quota !== undefined) {
      const quota = parseQuota(values.quota);
      if (quota === undefined) throw new UsageError(T.badQuota(values.quota));
      body.quotaMb = quota;
    }
    if (values.enable) body.enabled = true;
    if (values.disable) body.enabled = false;
    if (!Object.keys(body).length) throw new UsageError(T.nothingToChange);
    const api = client();
    const m = await findMailbox(api, need(address, "<address>"));
    const read = await api.call("getMailbox", { params: { id: m.id } });
    const { json } = await api.call("updateMailbox", { params: { id: m.id }, body, headers: { "if-match": read.headers.get("etag") } });
    printRecord(json, { format: format(values) });
  },
  async "mailbox delete"(values, [address]) {
    need(address, "<address>");
    if (!values.yes) throw new UsageError(T.confirmDelete(address));
    const api = client();
    const m = await findMailbox(api, address);
    await api.call("deleteMailbox", { params: { id: m.id } });
    process.stdout.write(T.deleted(address) + "\n");
  },
  async "alias list"(values, [domain]) {
    const { json } = await client().call("listAliases", { query: { domain: need(domain, "<domain>") } });
    printRows(json.aliases, ["id", "address", "targets"], { format: format(values) });
  },
  async "alias create"(values, [address, ...targets]) {
    if (!targets.length) throw new UsageError(T.missingArg("<target>"));
    const { json } = await client().call("createAlias", { body: { address: need(address, "<address>"), targets } });
    printRecord(json, { format: format(values) });
  },
  async "alias delete"(values, [address]) {
    need(address, "<address>");
    const api = client();
    const { json } = await api.call("listAliases", { query: { domain: address.slice(address.lastIndexOf("@") + 1) } });
    const alias = json.aliases.find((a) => a.address === address.toLowerCase());
    if (!alias) throw new ApiError(404, { title: T.noMailbox(address) });
    await api.call("deleteAlias", { params: { id: alias.id } });
    process.stdout.write(T.deleted(address) + "\n");
  },
  async "catchall set"(values, [domain, mailbox]) {
    const target = need(mailbox, "<mailbox|off>");
    const { json } = await client().call("setCatchAll", {
      body: { domain: need(domain, "<domain>"), mailbox: target === "off" ? null : target },
    });
    printRecord({ domain: json.domain, catchAll: json.catchAll }, { format: format(values) });
  },
  async "domain list"(values) {
    const api = client();
    const rows = [];
    let cursor;
    do {
      const { json } = await api.call("listDomains", { query: { cursor } });
      rows.push(...json.items);
      cursor = json.nextCursor;
    } while (cursor);
    printRows(rows, ["id", "name", "packageName", "mailboxCount"], { format: format(values) });
  },
  async "customer list"(values) {
    const { json } = await client().call("listCustomers", { query: { q: values.search } });
    printRows(json.items, ["id", "customerNumber", "company", "contactName", "contactEmail"], { format: format(values) });
  },
  async "customer show"(values, [id]) {
    const { json } = await client().call("getCustomer", { params: { id: need(id, "<id>") } });
    printRecord(json, { format: format(values) });
  },
  async "package list"(values) {
    const { json } = await client().call("listPackages");
    printRows(json.items, ["id", "name", "panel", "maxDomains", "maxMailboxes", "mailboxQuotaMb"], { format: format(values) });
  },
  async "package show"(values, [id]) {
    const { json } = await client().call("getPackage", { params: { id: need(id, "<id>") } });
    printRecord(json, { format: format(values) });
  },
  async "reseller list"(values) {
    const { json } = await client().call("listResellers");
    printRows(json.items, ["id", "name", "customerCount"], { format: format(values) });
  },
  async "ticket list"(values) {
    const { json } = await client().call("listTickets", { query: { status: values.status } });
    printRows(json.items, ["id", "status", "category", "subject", "updatedAt"], { format: format(values) });
  },
  async "ticket show"(values, [id]) {
    const { json } = await client().call("getTicket", { params: { id: need(id, "<id>") } });
    printRecord(json, { format: format(values) });
  },
  async "ticket create"(values) {
    const body = {
      category: values.category ?? "general",
      subject: need(values.subject, "--subject"),
      message: need(values.message, "--message"),
    };
    const { json } = await client().call("createTicket", { body });
    printRecord({ id: json.id, status: json.status, subject: json.subject }, { format: format(values) });
  },
  async "audit list"(values) {
    const { json } = await client().call("listAudit", { query: { action: values.action, target: values.target } });
    printRows(json.items, ["at", "actor", "action", "target"], { format: format(values) });
  },
};

function exitCodeFor(status) {
  if (status === 401) return EXIT.unauthorized;
  if (status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  if (status === 409 || status === 412) return EXIT.conflict;
  if (status === 400 || status === 422) return EXIT.invalid;
  if (status === 429) return EXIT.rateLimited;
  return EXIT.unexpected;
}

function describeProblem(error) {
  const p = error.problem ?? {};
  const lines = [p.detail ? `${p.title} ${p.detail}` : (p.title ?? error.message)];
  for (const e of p.errors ?? []) lines.push(`  ${e.field || "-"}: ${e.messages.join(" ")}`);
  return lines.join("\n");
}

export async function main(argv = process.argv.slice(2)) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [first, second, ...rest] = positionals;
  const name = first && COMMANDS[`${first} ${second}`] ? `${first} ${second}` : first;
  const args = name && name.includes(" ") ? rest : [second, ...rest].filter((v) => v !== undefined);
  if (!name) {
    process.stdout.write(T.usage + "\n");
    return values.help ? EXIT.ok : EXIT.usage;
  }
  if (!COMMANDS[name]) {
    process.stderr.write(T.unknownCommand(positionals.join(" ")) + "\n");
    return EXIT.usage;
  }
  if (values.help) {
    process.stdout.write(T.commandHelp[name] + "\n");
    return EXIT.ok;
  }
  try {
    await COMMANDS[name](values, args);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(error.message + "\n");
      return EXIT.usage;
    }
    if (error instanceof ApiError) {
      process.stderr.write(describeProblem(error) + "\n");
      const retry = error.status === 429 ? error.retryAfter : undefined;
      if (retry) process.stderr.write(`Retry-After: ${retry}\n`);
      return exitCodeFor(error.status);
    }
    if (error instanceof ConnectionError) {
      process.stderr.write(T.connectionFailed(readConfig().url ?? "", error.message) + "\n");
      return EXIT.connection;
    }
    process.stderr.write(`${error?.message ?? error}\n`);
    return EXIT.unexpected;
  }
}

process.exitCode = await main();
