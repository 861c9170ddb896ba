import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "@/lib/config";
import { chunksOf, MAX_IMPORT_BYTES, type ByteSource } from "./read-csv";

/** Files older than this belong to a request whose process died: the next private file removes them. */
const STALE_MS = 60 * 60 * 1000;

/** Where an upload or a download waits for its request: beside the database, the owner's only. */
export const spoolDir = () => path.join(path.dirname(databasePath()), "import-spool");

/**
 * A new private file (0600, in a 0700 folder) for one request: an upload's or a download's data may hold
 * plaintext passwords or hashes, so only the server's user can read it, and a crash's leftovers go with
 * the next one.
 */
export function privateFile(suffix: string, dir = spoolDir()): { file: string; fd: number } {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    const stat = fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false });
    if (stat?.isFile() && now - stat.mtimeMs > STALE_MS) fs.rmSync(path.join(dir, name), { force: true });
  }
  const file = path.join(dir, `${now}-${randomBytes(8).toString("hex")}.${suffix}`);
  return { file, fd: fs.openSync(file, "wx+", 0o600) };
}

/** Writes all of `data` (writeSync may take less than it was given). */
export function writeAll(fd: number, data: Uint8Array) {
  for (let done = 0; done < data.length;) done += fs.writeSync(fd, data, done);
}

/**
 * A one-shot upload (an API request's body) written to a private file, so that the planner can walk it
 * more than once without holding it; the file lives only for the request (`remove`). Writing stops just
 * past MAX_IMPORT_BYTES: the reader then reports the file too large.
 */
export async function spoolUpload(body: ByteSource, dir = spoolDir()): Promise<{ open: () => fs.ReadStream; remove: () => Promise<void> }> {
  const { file, fd } = privateFile("upload", dir);
  const remove = () => fs.promises.rm(file, { force: true });
  try {
    let bytes = 0;
    for await (const chunk of "getReader" in body ? chunksOf(body) : body) {
      writeAll(fd, chunk);
      bytes += chunk.length;
      if (bytes > MAX_IMPORT_BYTES) break;
    }
  } catch (error) {
    await remove();
    throw error;
  } finally {
    fs.closeSync(fd);
  }
  return { open: () => fs.createReadStream(file), remove };
}
