import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/authz/permissions";
import { findServerActionFiles } from "../support/server-action-files";

const files = findServerActionFiles();

describe("server actions", () => {
  it("exist (the scan finds the login action)", () => {
    expect(files.map((f) => path.relative(process.cwd(), f))).toContain(path.join("app", "(auth)", "login", "actions.ts"));
  });

  it.each(files.map((f) => [path.relative(process.cwd(), f), f]))("%s exports only defineAction(...) wrappers", (_rel, file) => {
    const source = fs.readFileSync(file, "utf8");
    const exports = [...source.matchAll(/^export\s+(?:async\s+)?(?:const|function|let|var|default)\s*(\w*)/gm)];
    expect(exports.length).toBeGreaterThan(0);
    for (const match of exports) {
      const name = match[1];
      const wrapped = new RegExp(`^export const ${name} = defineAction\\(\\{\\s*\\n\\s*permission: "([\\w.]+)"`, "m").exec(source);
      expect(wrapped, `${name} in ${file} must be "export const ${name} = defineAction({ permission: … })"`).not.toBeNull();
      expect(PERMISSIONS).toContain(wrapped?.[1]);
    }
    expect(source).not.toMatch(/^export\s*\{/m);
  });
});
