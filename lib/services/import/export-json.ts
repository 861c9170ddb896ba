import type { ExportSource } from "./export-data";
import type { ExportPart } from "./export-parts";

const item = (first: boolean, indent: string, value: unknown) => `${first ? "" : ","}\n${indent}${JSON.stringify(value)}`;

/**
 * The JSON export (the shape of ExportData, which the import reads back) written as its parts come:
 * each domain opens an object whose mailboxes and aliases are appended page by page, one per line.
 */
export async function* exportJsonChunks(
  source: Pick<ExportSource, "subscriptionId"> & { parts: AsyncIterable<ExportPart> | Iterable<ExportPart> },
) {
  yield `{\n  "subscriptionId": ${source.subscriptionId},\n  "domains": [`;
  // Where the writer stands: in a domain's mailboxes or aliases list, or outside any domain.
  let list = null as "mailboxes" | "aliases" | null;
  let firstDomain = true;
  let firstItem = true;
  let domainsOpen = true;
  const closeDomain = () => {
    const out = list === "mailboxes" ? '\n      ],\n      "aliases": []\n    }' : list === "aliases" ? "\n      ]\n    }" : "";
    list = null;
    return out;
  };
  for await (const part of source.parts) {
    if (part.kind === "domain") {
      const head = `${firstDomain ? "" : ","}\n    {\n      "name": ${JSON.stringify(part.name)},\n      "catchAll": ${JSON.stringify(part.catchAll)},\n      "mailboxes": [`;
      yield closeDomain() + head;
      [list, firstDomain, firstItem] = ["mailboxes", false, true];
    } else if (part.kind === "mailboxes") {
      yield part.mailboxes.map((m, i) => item(firstItem && i === 0, "        ", m)).join("");
      if (part.mailboxes.length) firstItem = false;
    } else if (part.kind === "aliases") {
      let head = "";
      if (list === "mailboxes") [head, list, firstItem] = ['\n      ],\n      "aliases": [', "aliases", true];
      yield head + part.aliases.map((a, i) => item(firstItem && i === 0, "        ", a)).join("");
      if (part.aliases.length) firstItem = false;
    } else {
      yield `${closeDomain()}\n  ],\n  "mailAccounts": [` + part.accounts.map((a, i) => item(i === 0, "    ", a)).join("") + "\n  ]";
      domainsOpen = false;
    }
  }
  yield `${domainsOpen ? `${closeDomain()}\n  ]` : ""}\n}\n`;
}
