#!/usr/bin/env node
// `kontor`: the command line of Kontor's API v1 (README "Command line"). Exit codes are documented in
// `kontor --help` and stay stable for scripts.
import { parseArgs } from "node:util";
import { ApiError, ConnectionError, createClient } from "./client.mjs";
import { T, UsageError, client, format, need } from "./common.mjs";
import { readConfig, writeConfig } from "./config.mjs";
import { IMPORT_COMMANDS } from "./import-command.mjs";
import { MAIL_COMMANDS } from "./mail-commands.mjs";
import { cliLanguage } from "./messages.mjs";
import { printRecord, printRows } from "./output.mjs";
import { ask, askHidden } from "./prompt.mjs";
import { TENANT_COMMANDS } from "./tenant-commands.mjs";

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
  "keep-copy": { type: "string" },
  name: { type: "string" },
  email: { type: "string" },
  company: { type: "string" },
  street: { type: "string" },
  "postal-code": { type: "string" },
  city: { type: "string" },
  country: { type: "string" },
  phone: { type: "string" },
  panel: { type: "string" },
  "max-domains": { type: "string" },
  "max-mailboxes": { type: "string" },
  "max-forwards": { type: "string" },
  "max-aliases": { type: "string" },
  spam: { type: "string" },
  forwarding: { type: "string" },
  base: { type: "string" },
  subscription: { type: "string" },
  apply: { type: "boolean" },
  format: { type: "string" },
  hashes: { type: "boolean" },
  output: { type: "string" },
};

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
  ...MAIL_COMMANDS,
  ...TENANT_COMMANDS,
  ...IMPORT_COMMANDS,
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
  if (status === 409 || status === 412 || status === 428) return EXIT.conflict;
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
