// `kontor customer|package|reseller …`: the reseller's customers and packages (Tarife) and the
// administration's resellers. Creating shows a generated login password once; changes and deletes
// carry the ETag of a fresh read (If-Match).
import { printRecord, printRows, parseQuota } from "./output.mjs";
import { T, UsageError, changeRecord, client, deleteRecord, format, given, limit, need, yesNo } from "./common.mjs";

const CUSTOMER_OPTIONS = {
  company: "company",
  name: "contactName",
  street: "street",
  "postal-code": "postalCode",
  city: "city",
  country: "country",
  phone: "phone",
  email: "contactEmail",
};

function nonEmpty(body) {
  if (!Object.keys(body).length) throw new UsageError(T.nothingToChange);
  return body;
}

function packageFields(values) {
  let quota;
  if (values.quota !== undefined) {
    quota = /^(unlimited|unbegrenzt)$/i.test(values.quota) ? null : parseQuota(values.quota);
    if (quota === undefined) throw new UsageError(T.badQuota(values.quota));
  }
  const fields = {
    name: values.name,
    panel: values.panel,
    maxDomains: limit(values, "max-domains"),
    maxMailboxes: limit(values, "max-mailboxes"),
    mailboxQuotaMb: quota,
    maxForwards: limit(values, "max-forwards"),
    maxAliases: limit(values, "max-aliases"),
    spamFilterEnabled: yesNo(values, "spam"),
    forwardingEnabled: yesNo(values, "forwarding"),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function printCreated(values, json) {
  if (format(values) === "json") return printRecord(json, { format: "json" });
  const { password, ...record } = json;
  printRecord(record, { format: "table" });
  if (password) process.stdout.write(T.generatedPassword(password) + "\n");
}

function confirmed(values, label) {
  if (!values.yes) throw new UsageError(T.confirmDelete(label));
}

export const TENANT_COMMANDS = {
  async "customer list"(values) {
    const { json } = await client().call("listCustomers", { query: { q: values.search } });
    printRows(json.items, ["id", "customerNumber", "company", "contactName", "contactEmail"], { format: format(values) });
  },
  async "customer show"(values, [id]) {
    const { json } = await client().call("getCustomer", { params: { id: need(id, "<id>") } });
    printRecord(json, { format: format(values) });
  },
  async "customer create"(values) {
    const body = { company: "", street: "", postalCode: "", city: "", country: "DE", phone: "", ...given(values, CUSTOMER_OPTIONS) };
    need(body.contactName, "--name");
    need(body.contactEmail, "--email");
    const { json } = await client().call("createCustomer", { body });
    printCreated(values, json);
  },
  async "customer update"(values, [id]) {
    const body = nonEmpty(given(values, CUSTOMER_OPTIONS));
    const params = { id: need(id, "<id>") };
    const { json } = await changeRecord(client(), { read: "getCustomer", change: "updateCustomer", params, body });
    printRecord(json, { format: format(values) });
  },
  async "customer delete"(values, [id]) {
    confirmed(values, need(id, "<id>"));
    await deleteRecord(client(), { read: "getCustomer", remove: "deleteCustomer", params: { id } });
    process.stdout.write(T.deleted(id) + "\n");
  },
  async "subscription show"(values, [id]) {
    const { json } = await client().call("getSubscription", { params: { id: need(id, "<id>") } });
    printRecord(json, { format: format(values) });
  },
  async "subscription end"(values, [id]) {
    confirmed(values, need(id, "<id>"));
    // The If-Match of what was read: had a mailbox been added since, the end is refused (exit 6).
    const api = client();
    const current = await api.call("getSubscription", { params: { id } });
    await api.call("endSubscription", { params: { id }, headers: { "if-match": current.headers.get("etag") } });
    process.stdout.write(T.ended(id, current.json) + "\n");
  },
  async "package list"(values) {
    const { json } = await client().call("listPackages");
    printRows(json.items, ["id", "name", "panel", "maxDomains", "maxMailboxes", "mailboxQuotaMb"], { format: format(values) });
  },
  async "package show"(values, [id]) {
    const { json } = await client().call("getPackage", { params: { id: need(id, "<id>") } });
    printRecord(json, { format: format(values) });
  },
  async "package create"(values, [name]) {
    const defaults = { maxDomains: null, maxMailboxes: null, mailboxQuotaMb: null, maxForwards: null, maxAliases: null };
    const body = { ...defaults, spamFilterEnabled: true, forwardingEnabled: true, ...packageFields(values) };
    body.name = need(name ?? values.name, "<name>");
    need(body.panel, "--panel");
    const { json } = await client().call("createPackage", { body });
    printRecord(json, { format: format(values) });
  },
  async "package update"(values, [id]) {
    const body = nonEmpty(packageFields(values));
    const { json } = await changeRecord(client(), { read: "getPackage", change: "updatePackage", params: { id: need(id, "<id>") }, body });
    printRecord(json, { format: format(values) });
  },
  async "package delete"(values, [id]) {
    confirmed(values, need(id, "<id>"));
    await deleteRecord(client(), { read: "getPackage", remove: "deletePackage", params: { id } });
    process.stdout.write(T.deleted(id) + "\n");
  },
  async "reseller list"(values) {
    const { json } = await client().call("listResellers");
    printRows(json.items, ["id", "name", "customerCount"], { format: format(values) });
  },
  async "reseller show"(values, [id]) {
    const { json } = await client().call("getReseller", { params: { id: need(id, "<id>") } });
    printRecord(json, { format: format(values) });
  },
  async "reseller create"(values, [name]) {
    const body = {
      name: need(name ?? values.name, "<name>"),
      customerNumberBase: Number(need(values.base, "--base")),
      email: need(values.email, "--email"),
    };
    const { json } = await client().call("createReseller", { body });
    printCreated(values, json);
  },
  async "reseller update"(values, [id]) {
    const body = nonEmpty({
      ...given(values, { name: "name" }),
      ...(values.base === undefined ? {} : { customerNumberBase: Number(values.base) }),
    });
    const { json } = await changeRecord(client(), {
      read: "getReseller",
      change: "updateReseller",
      params: { id: need(id, "<id>") },
      body,
    });
    printRecord(json, { format: format(values) });
  },
  async "reseller delete"(values, [id]) {
    confirmed(values, need(id, "<id>"));
    await deleteRecord(client(), { read: "getReseller", remove: "deleteReseller", params: { id } });
    process.stdout.write(T.deleted(id) + "\n");
  },
};
