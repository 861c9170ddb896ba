/**
 * Issue 18.7: product code lives in app/, lib/ and components/; development and benchmark helpers
 * (scripts/, tests/) are never imported by it, so nothing of them ends up in the server bundle.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesUnder, importsOf } from "../support/import-graph";

const root = process.cwd();
const PRODUCT = ["app", "lib", "components"];

/** "importer → imported" for every import of `files` that lands in scripts/ or tests/. */
function helperImports(files: string[], base = root): string[] {
  const helpers = ["scripts", "tests"].map((d) => path.join(base, d) + path.sep);
  return files.flatMap((file) =>
    importsOf(file, base)
      .filter((target) => helpers.some((h) => target.startsWith(h)))
      .map((target) => `${path.relative(base, file)} → ${path.relative(base, target)}`),
  );
}

describe("product code imports no development helper", () => {
  it("app/, lib/ and components/ import nothing from scripts/ or tests/", () => {
    const files = PRODUCT.flatMap((d) => filesUnder(path.join(root, d)));
    expect(files.length).toBeGreaterThan(100);
    expect(helperImports(files)).toEqual([]);
  });

  it("sees such an import, static or dynamic, through @/ or a relative path", () => {
    // A tree of its own outside the project, so no linter or formatter ever meets the probe.
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-imports-"));
    try {
      const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
        fs.writeFileSync(path.join(base, file), text);
      };
      write("scripts/lib/sink.ts", "export const sink = 1;\n");
      write("tests/support/graph.ts", "export const graph = 1;\n");
      write("lib/ok.ts", "export const ok = 1;\n");
      write(
        "lib/probe.ts",
        'import { sink } from "@/scripts/lib/sink";\nconst g = await import("../tests/support/graph");\nimport { ok } from "./ok";\n',
      );
      expect(helperImports([path.join(base, "lib/probe.ts")], base)).toEqual([
        "lib/probe.ts → scripts/lib/sink.ts",
        "lib/probe.ts → tests/support/graph.ts",
      ]);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
