import { z } from "zod";
import { can } from "@/lib/authz/permissions";
import { ServiceError } from "@/lib/errors";
import { openExport } from "@/lib/services/import/export-data";
import { exportFile, logExportFailure } from "@/lib/services/import/export-file";
import { defineRoute } from "../define-route";
import { ApiProblem } from "../problem";
import { idParams } from "./common";

const FORMATS = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

export const exportRoutes = [
  defineRoute({
    method: "GET",
    path: "/subscriptions/{id}/export",
    operationId: "exportSubscription",
    summary:
      "Export a subscription's domains, mailboxes, aliases and settings as CSV (the import's columns) or JSON, from one snapshot, re-importable with POST /imports; hashes=1 (administration only) adds the password hashes",
    resource: "exports",
    access: "read",
    params: idParams,
    query: z.strictObject({
      format: z.enum(["csv", "json"], "validation.invalid").default("csv"),
      hashes: z
        .enum(["0", "1", "false", "true"], "validation.invalid")
        .optional()
        .transform((v) => v === "1" || v === "true"),
    }),
    download: {
      types: Object.values(FORMATS).map((t) => t.split(";")[0]),
      description: "The whole file, made before its first byte is sent; a failure answers a problem, never a file cut short",
    },
    handle: async ({ actor, params, query, ip }) => {
      // Its own detail, before the subscription is looked up: the same answer for any id.
      if (query.hashes && !can(actor, "export.hashes")) throw new ApiProblem("forbidden", { detailKey: "api.problems.exportHashes" });
      // Allowed, scoped (foreign: 404) and audited by the service, as the panel's download.
      const source = await openExport(actor, params.id, { withHashes: query.hashes, format: query.format, ip });
      try {
        const file = await exportFile(source, query.format);
        const name = `kontor-export-${source.subscriptionId}.${query.format}`;
        return { file: { body: file.body(), size: file.size, type: FORMATS[query.format], name } };
      } catch (error) {
        if (error instanceof ServiceError) throw error;
        logExportFailure(source.subscriptionId, error, "api export");
        throw new ApiProblem("unexpected", { detailKey: "api.problems.exportFailed" });
      }
    },
  }),
];
