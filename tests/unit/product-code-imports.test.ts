/**
 * Issue 18.7: product code lives in app/, lib/ and components/; development and benchmark helpers
 * (scripts/, tests/) are never imported by it, so nothing of them ends up in the server bundle.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesUnder, importsOf } from "../support/import-graph";

const root = process.cwd();
const PRODUCT = ["app", "lib", "components"];
const HELPERS = ["scripts", "tests"].map((d) => path.join(root, d) + path.sep);

/** "importer → imported" for every import of `files` that lands in scripts/ or tests/. */
function helperImports(files: string[], base = root): string[] {
  return files.flatMap((file) =>
    importsOf(file, base)
      .filter((target) => HELPERS.some((h) => target.startsWith(h)))
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
    const dir = fs.mkdtempSync(path.join(root, "tests", ".tmp-imports-"));
    try {
      const file = path.join(dir, "probe.ts");
      fs.writeFileSync(
        file,
        'import { startSmtpSink } from "@/scripts/lib/smtp-sink";\nconst f = await import("../support/import-graph");\nimport { z } from "zod";\n',
      );
      expect(helperImports([file])).toEqual([
        `${path.relative(root, file)} → scripts/lib/smtp-sink.ts`,
        `${path.relative(root, file)} → tests/support/import-graph.ts`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
