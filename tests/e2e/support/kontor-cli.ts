import { spawn } from "node:child_process";
import path from "node:path";

export type KontorRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs the `kontor` command (cli/kontor.mjs) as a script in a shell would: only PATH, HOME (`home`)
 * and LANG (English unless `env` says otherwise) plus `env`, none of the runner's KONTOR_URL /
 * KONTOR_API_KEY; stdin gets `stdin` (or nothing) and is closed.
 */
export function runKontor(args: string[], opts: { home: string; env?: Record<string, string>; stdin?: string }): Promise<KontorRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve("cli/kontor.mjs"), ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: opts.home, LANG: "en_US.UTF-8", ...opts.env } as unknown as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? "");
  });
}
