import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/permissions";
import { clientIpOf } from "@/lib/auth/client-ip";
import { ServiceError } from "@/lib/errors";
import { openExport } from "@/lib/services/import/export-data";
import { exportStream } from "@/lib/services/import/export-stream";

export const dynamic = "force-dynamic";

/**
 * Download of a subscription's data: `?subscription=<id>&format=csv|json[&hashes=1]`. CSV is the
 * import's format (re-importable); hashes only for admins (a migration export). 404 for anything
 * outside the actor's scope, as for a missing subscription. The body is streamed as it is read.
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
  try {
    const source = await openExport(actor, id, { withHashes, format, ip: clientIpOf(request.headers) });
    return new Response(exportStream(source, format), {
      headers: {
        "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="kontor-export-${id}.${format}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof ServiceError) return notFound();
    throw error;
  }
}
