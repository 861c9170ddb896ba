import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import type { Locale } from "./locales";

export type Messages = { [key: string]: string | Messages };

const cache = new Map<Locale, Messages>();

/**
 * Merges every `messages/<locale>/*.json`, so each feature keeps its texts in a file of its own
 * (`core.json`, `panel.json` …). Two files must not define the same top-level namespace.
 */
export function loadMessages(locale: Locale, root = process.cwd()): Messages {
  const cached = cache.get(locale);
  if (cached && config().production) return cached;
  const dir = path.join(root, "messages", locale);
  const merged: Messages = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const content = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Messages;
    for (const [namespace, value] of Object.entries(content)) {
      if (namespace in merged) throw new Error(`messages/${locale}/${file} redefines namespace "${namespace}"`);
      merged[namespace] = value;
    }
  }
  cache.set(locale, merged);
  return merged;
}
