import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";
import type { ExportSource } from "./export-data";
import { readSnapshot } from "./export-snapshot";
import { exportChunks } from "./export-stream";
import { privateFile, spoolDir, writeAll } from "./spool";

/**
 * Writes the export into `fd` from one snapshot of the database (lib/services/import/export-snapshot.ts):
 * a mailbox created or deleted meanwhile is either wholly in it or not at all. Between pages other
 * requests get their turn where the snapshot allows it. Answers the bytes written; a failure (a query,
 * a full disk) is thrown, never half-answered.
 */
export async function writeExport(source: ExportSource, format: "csv" | "json", fd: number): Promise<number> {
  return await readSnapshot(source.db, async (snapshot, mayYield) => {
    const encoder = new TextEncoder();
    let bytes = 0;
    for await (const chunk of exportChunks(source, format, snapshot)) {
      const data = encoder.encode(chunk);
      writeAll(fd, data);
      bytes += data.length;
      if (mayYield) await new Promise((resolve) => setImmediate(resolve));
    }
    return bytes;
  });
}

/**
 * The download made whole before anything is sent: written to a private file (lib/services/import/spool.ts),
 * then answered, so an error while it is made answers an error instead of a file cut short under a
 * 200. (The routes set its Content-Length, but Next's response path sends it chunked: the e2e test
 * api-export checks the body, not the header.) The file's name is removed as soon as it is complete; the body reads the
 * still-open file, which goes with the download (a hash export never stays on disk).
 */
export async function exportFile(source: ExportSource, format: "csv" | "json", dir = spoolDir()) {
  const { file, fd } = privateFile("export", dir);
  try {
    const size = await writeExport(source, format, fd);
    fs.rmSync(file);
    return { size, body: () => Readable.toWeb(fs.createReadStream("", { fd, start: 0 })) as ReadableStream<Uint8Array> };
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw error;
  }
}

/**
 * What the log may say of a failed export: the error's name and code only, since a failed query's
 * message may carry values (hashes among them). The panel's download and API v1's share it.
 */
export function logExportFailure(subscriptionId: number, error: unknown, via: string) {
  const code = (error as { code?: unknown } | null)?.code;
  const what = `${error instanceof Error ? error.name : "unknown"} ${typeof code === "string" || typeof code === "number" ? String(code) : ""}`;
  console.error(`${via} of subscription ${String(subscriptionId)} failed (${what.trim()})`);
}
