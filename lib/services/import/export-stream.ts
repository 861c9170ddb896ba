import type { Db } from "@/db";
import { exportCsvChunks } from "./export-csv";
import type { ExportSource } from "./export-data";
import { exportJsonChunks } from "./export-json";

/** The export's text chunks in a format (read from `snapshot` when given): what the download writes, and what the memory bench measures. */
export function exportChunks(source: ExportSource, format: "csv" | "json", snapshot?: Db): AsyncGenerator<string> {
  return format === "json"
    ? exportJsonChunks({ subscriptionId: source.subscriptionId, parts: source.parts(snapshot) })
    : exportCsvChunks(source.parts(snapshot));
}
