import { exportCsvChunks } from "./export-csv";
import type { ExportSource } from "./export-data";
import { exportJsonChunks } from "./export-json";

/** The export's text chunks in a format: what the download sends, and what the memory bench measures. */
export function exportChunks(source: ExportSource, format: "csv" | "json"): AsyncGenerator<string> {
  return format === "json"
    ? exportJsonChunks({ subscriptionId: source.subscriptionId, parts: source.parts() })
    : exportCsvChunks(source.parts());
}

/**
 * The export as a response body that reads the next page only when the client has taken the last one
 * (pull), so memory stays at about a page however large the subscription; a client that goes away
 * stops the reading.
 */
export function exportStream(source: ExportSource, format: "csv" | "json"): ReadableStream<Uint8Array> {
  const chunks = exportChunks(source, format);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // A pull that enqueues nothing is not repeated: skip empty chunks (no catch-all lines, say) here.
        for (;;) {
          const next = await chunks.next();
          if (next.done) {
            controller.close();
            return;
          }
          if (next.value) {
            controller.enqueue(encoder.encode(next.value));
            return;
          }
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
