import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { clientIpOf } from "@/lib/auth/client-ip";
import { ServiceError } from "@/lib/errors";
import { openExport } from "@/lib/services/import/export-data";
import { exportFile, logExportFailure } from "@/lib/services/import/export-file";

export const dynamic = "force-dynamic";

/**
 * Download of a subscription's data: `?subscription=<id>&format=csv|json[&hashes=1]`. CSV is the
 * import's format (re-importable); hashes only for admins (a migration export). 404 for anything
 * outside the actor's scope, as for a missing subscription. The file is made whole from one snapshot
 * before it is sent with its length (lib/services/import/export-file.ts): when making it fails, the
 * answer takes the user back to the import page with a message, never a download cut short.
 */
export async function GET(request: Request) {
  const actor = await getActor();
  const notFound = () => new Response("Not found\n", { status: 404 });
  if (!actor || !can(actor, "export.read")) return notFound();
  const url = new URL(request.url);
  const id = Number(url.searchParams.get("subscription"));
  const format = url.searchParams.get("format") === "json" ? "json" : "csv";
  const withHashes = url.searchParams.get("hashes") === "1";
  if (!Number.isInteger(id) || id <= 0) return notFound();
  if (withHashes && !can(actor, "export.hashes")) return new Response("Forbidden\n", { status: 403 });
  let source;
  try {
    source = await openExport(actor, id, { withHashes, format, ip: clientIpOf(request.headers) });
  } catch (error) {
    if (error instanceof ServiceError) return notFound();
    throw error;
  }
  try {
    const file = await exportFile(source, format);
    return new Response(file.body(), {
      headers: {
        "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
        "Content-Length": String(file.size),
        "Content-Disposition": `attachment; filename="kontor-export-${id}.${format}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    logExportFailure(id, error, "export");
    const back = importPageOf(request);
    // Without the page it came from (no Referer), a short answer of its own; never a cut file.
    if (!back) return new Response("Export failed; nothing was downloaded.\n", { status: 500 });
    return new Response(null, { status: 303, headers: { Location: `${back}?export=failed` } });
  }
}

/**
 * The import page the link was on, where the message is shown; null for any other. Only its path is
 * taken, and only one of the three import pages', so the answer can send nobody elsewhere.
 */
function importPageOf(request: Request): string | null {
  const from = request.headers.get("referer");
  const path = from && URL.canParse(from) ? new URL(from).pathname : "";
  return /^\/(ksc|reseller|admin)\/import$/.test(path) ? path : null;
}
