import fs from "node:fs";
import path from "node:path";
import { findServerActionFiles } from "../server-action-files";
import type { ActionFn } from "./harness";

/** `app/(panel)/panel/[subscriptionId]/mail/actions.ts#createMailboxAction`: how the matrix names an action. */
export type ServerAction = { key: string; permission: string; fn: ActionFn };

/** Every export of every "use server" file. Import after the test's vi.mock calls are in place. */
export async function loadServerActions(root = process.cwd()): Promise<ServerAction[]> {
  const out: ServerAction[] = [];
  for (const file of findServerActionFiles(root)) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const fn = value as ActionFn;
      // Unwrapped exports have no permission; the matrix test reports them as unknown rather than skipping them.
      out.push({ key: `${path.relative(root, file)}#${name}`, permission: typeof fn === "function" ? (fn.permission ?? "") : "", fn });
    }
  }
  return out.sort((x, y) => x.key.localeCompare(y.key));
}

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Every `app/**\/route.ts` file, relative to the project root. */
export function findRouteFiles(root = process.cwd()): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) out.push(path.relative(root, full));
    }
  };
  walk(path.join(root, "app"));
  return out.sort();
}

export type RouteHandler = { key: string; method: string; fn: (request: Request) => Response | Promise<Response> };

/** Every exported HTTP method handler, named `app/…/route.ts#GET`. */
export async function loadRouteHandlers(root = process.cwd()): Promise<RouteHandler[]> {
  const out: RouteHandler[] = [];
  for (const file of findRouteFiles(root)) {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === "function") out.push({ key: `${file}#${method}`, method, fn: mod[method] as RouteHandler["fn"] });
    }
  }
  return out;
}
