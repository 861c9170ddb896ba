import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/load-messages";
import { CLIENT_NAMESPACES, type ClientArea, namespacesFor } from "@/lib/i18n/client-namespaces";
import { clientNamespaces, filesUnder, reachableFiles } from "../support/import-graph";

const groups = fs.readdirSync("app").filter((d) => d.startsWith("("));
const namespacesReadBy = (entries: string[]) => new Set([...reachableFiles(entries.map((f) => path.resolve(f)))].flatMap(clientNamespaces));
/** The page areas a route file wraps its output in (`<ClientMessages area="(group)/…">`). */
const areasIn = (file: string) => [...fs.readFileSync(file, "utf8").matchAll(/<ClientMessages area="([^"]+)"/g)].map((m) => m[1]);
const routeFiles = (group: string) => filesUnder(path.join("app", group)).filter((f) => /(^|\/)(page|layout)\.tsx$/.test(f));

describe("messages sent to the browser", () => {
  it("cover every route group", () => {
    const groupKeys = Object.keys(CLIENT_NAMESPACES).filter((k) => !k.includes("/"));
    expect(groupKeys.sort()).toEqual(["root", ...groups].sort());
  });

  it.each(groups)("include every namespace the client components of each page and layout of %s read", (group) => {
    const files = routeFiles(group);
    expect(files.length).toBeGreaterThan(0);
    const missing = files.flatMap((file) => {
      const areas = areasIn(file);
      for (const area of areas)
        expect(area === group || area.startsWith(`${group}/`), `${file} uses another group's area ${area}`).toBe(true);
      const sent = new Set([group, ...areas].flatMap((a) => namespacesFor(a as ClientArea)));
      return [...namespacesReadBy([file])].filter((ns) => !sent.has(ns)).map((ns) => `${file}: ${ns}`);
    });
    expect(missing).toEqual([]);
  });

  it("use every page area somewhere, and list pages send only the shell", () => {
    const used = new Set(groups.flatMap((g) => routeFiles(g).flatMap(areasIn)));
    expect(Object.keys(CLIENT_NAMESPACES).filter((k) => k.includes("/") && !used.has(k))).toEqual([]);
    for (const list of [
      "app/(ksc)/ksc/domains/page.tsx",
      "app/(panel)/panel/[subscriptionId]/mail/page.tsx",
      "app/(support)/support/mailboxes/page.tsx",
      "app/(reseller)/reseller/customers/page.tsx",
    ]) {
      expect(areasIn(list)).toEqual([]);
    }
  });

  it("include what the root files' client components read", () => {
    const rootFiles = ["app/layout.tsx", "app/page.tsx", "app/not-found.tsx", ...filesUnder("app/demo")];
    const needed = [...namespacesReadBy(rootFiles)];
    expect(needed.filter((ns) => !(CLIENT_NAMESPACES.root as readonly string[]).includes(ns))).toEqual([]);
  });

  it("name only namespaces that exist", () => {
    const existing = Object.keys(loadMessages("de"));
    for (const list of Object.values(CLIENT_NAMESPACES)) expect(list.filter((ns) => !existing.includes(ns))).toEqual([]);
  });

  it("a page area sends its group's namespaces too (a nested provider replaces the outer one)", () => {
    expect(namespacesFor("(ksc)/account")).toEqual(expect.arrayContaining(["common", "account", "password"]));
    expect(namespacesFor("(ksc)")).toEqual(["common"]);
  });

  it("are found by the scan (a client component with a namespace is seen)", () => {
    expect(clientNamespaces(path.resolve("components/auth/login-form.tsx"))).toEqual(["login"]);
  });
});
