// `kontor mailbox|alias|catchall|domain …`: a customer's mail. Mailboxes are named by address; the API
// finds them by domain and prefix. Changes carry the ETag of a fresh read (If-Match).
import { ApiError } from "./client.mjs";
import { parseQuota, printRecord, printRows } from "./output.mjs";
import { askHidden, readLine } from "./prompt.mjs";
import { T, UsageError, changeRecord, client, deleteRecord, format, need, yesNo } from "./common.mjs";

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

/** Changes one mailbox through `operation` with the ETag of a fresh read. */
async function changeMailbox(values, address, operation, body) {
  const api = client();
  const m = await findMailbox(api, need(address, "<address>"));
  const { json } = await changeRecord(api, { read: "getMailbox", change: operation, params: { id: m.id }, body });
  printRecord(json, { format: format(values) });
}

export const MAIL_COMMANDS = {
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
    await changeMailbox(values, address, "updateMailbox", body);
  },
  async "mailbox forward"(values, [address, ...targets]) {
    const keep = yesNo(values, "keep-copy");
    await changeMailbox(values, address, "setMailboxForwarding", (current) => ({
      targets,
      keepCopy: keep ?? current.forwarding.keepCopy,
    }));
  },
  async "mailbox spam"(values, [address, state]) {
    if (!/^(on|off)$/i.test(need(state, "on|off"))) throw new UsageError(T.badChoice("spam", state, "on|off"));
    await changeMailbox(values, address, "setMailboxSpamFilter", { enabled: /^on$/i.test(state) });
  },
  async "mailbox delete"(values, [address]) {
    need(address, "<address>");
    if (!values.yes) throw new UsageError(T.confirmDelete(address));
    const api = client();
    const m = await findMailbox(api, address);
    await deleteRecord(api, { read: "getMailbox", remove: "deleteMailbox", params: { id: m.id } });
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
    await deleteRecord(api, { read: "getAlias", remove: "deleteAlias", params: { id: alias.id } });
    process.stdout.write(T.deleted(address) + "\n");
  },
  async "catchall set"(values, [domain, mailbox]) {
    const target = need(mailbox, "<mailbox|off>");
    const body = { domain: need(domain, "<domain>"), mailbox: target === "off" ? null : target };
    const { json } = await changeRecord(client(), { read: "listAliases", change: "setCatchAll", query: { domain }, body });
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
};
