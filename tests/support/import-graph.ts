import fs from "node:fs";
import path from "node:path";

const EXTENSIONS = [".tsx", ".ts", ".mjs", "/index.tsx", "/index.ts"];

/** Resolves an import specifier of a project file ("@/…" or relative) to a file, or null for packages. */
export function resolveImport(from: string, spec: string, root: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(root, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return base;
  for (const ext of EXTENSIONS) if (fs.existsSync(base + ext)) return base + ext;
  return null;
}

/** The project files one file imports, statically or through import(). */
export function importsOf(file: string, root = process.cwd()): string[] {
  const source = fs.readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
    const target = resolveImport(file, m[1], root);
    if (target) out.push(target);
  }
  return out;
}

/** Every project file reachable through static imports from the given entry files. */
export function reachableFiles(entries: string[], root = process.cwd()): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const target of importsOf(file, root)) if (!seen.has(target)) queue.push(target);
  }
  return seen;
}

/** The files of a folder tree (entries of a route group). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (/\.(tsx?|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * The message namespaces a client component reads: `useTranslations("ns.sub")` gives "ns";
 * `useTranslations()` reads full keys, so the first segment of each `t("ns.key")` or `t(\`ns.${…}\`)` counts.
 */
export function clientNamespaces(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  if (!/^\s*["']use client["']/.test(source)) return [];
  const out = new Set<string>();
  for (const m of source.matchAll(/useTranslations\(\s*(?:["']([\w.]+)["'])?\s*\)/g)) {
    if (m[1]) out.add(m[1].split(".")[0]);
    else for (const k of source.matchAll(/\bt\(\s*["'`]([\w]+)\./g)) out.add(k[1]);
  }
  return [...out];
}
