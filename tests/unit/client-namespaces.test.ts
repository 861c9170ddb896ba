import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/load-messages";
import { CLIENT_NAMESPACES, type ClientArea } from "@/lib/i18n/client-namespaces";
import { clientNamespaces, filesUnder, reachableFiles } from "../support/import-graph";

const groups = fs.readdirSync("app").filter((d) => d.startsWith("("));
const namespacesReadBy = (entries: string[]) => new Set([...reachableFiles(entries.map((f) => path.resolve(f)))].flatMap(clientNamespaces));

describe("messages sent to the browser", () => {
  it("cover every route group", () => {
    expect(Object.keys(CLIENT_NAMESPACES).sort()).toEqual(["root", ...groups].sort());
  });

  it.each(groups)("include every namespace the client components of %s read", (group) => {
    const needed = namespacesReadBy(filesUnder(path.join("app", group)));
    expect(needed.size).toBeGreaterThan(0);
    expect([...needed].filter((ns) => !(CLIENT_NAMESPACES[group as ClientArea] as readonly string[]).includes(ns))).toEqual([]);
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

  it("are found by the scan (a client component with a namespace is seen)", () => {
    expect(clientNamespaces(path.resolve("components/auth/login-form.tsx"))).toEqual(["login"]);
  });
});
