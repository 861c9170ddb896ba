import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { getImportJob, cancelImportJob, type ImportJobView } from "@/lib/services/import/job-control";
import { type ByteSource, MAX_IMPORT_BYTES } from "@/lib/services/import/read-csv";
import type { ImportFile } from "@/lib/services/import/import-file";
import { openImportFile } from "@/lib/services/import/read-json";
import { spoolUpload } from "@/lib/services/import/spool";
import { keptText, translatedReport } from "@/lib/services/import/report-text";
import { applyImport, checkImportTarget, dryRunImport, ImportRefused } from "@/lib/services/import/run-import";
import { defineRoute } from "../define-route";
import { ApiProblem, translator } from "../problem";
import { idParams } from "./common";

const FILE_TYPES = ["text/csv", "application/json"];

const reportSchema = z.object({
  counts: z.object({ create: z.int(), change: z.int(), unchanged: z.int() }),
  rowCount: z.int(),
  problemCount: z.int(),
  rows: z.array(z.object({ line: z.int(), kind: z.string(), op: z.string(), name: z.string(), detail: z.string() })),
  problems: z.array(z.object({ line: z.int().describe("0: the whole file"), message: z.string() })),
  weakHashes: z.array(z.object({ line: z.int(), address: z.string(), scheme: z.string() })).describe("the first 500"),
  weakHashCount: z.int(),
  more: z
    .object({ rows: z.string(), problems: z.string(), weakHashes: z.string() })
    .describe("“… and K more” of each list in the request's language, empty when nothing is left out"),
});
const jobSchema = z.object({
  id: z.int(),
  subscription: z.int(),
  state: z.enum(["staging", "running", "undoing", "done", "failed", "cancelled"]),
  total: z.int(),
  applied: z.int(),
  cancelRequested: z.boolean(),
  error: z.object({ line: z.int().nullable(), message: z.string() }).nullable(),
});
const importSchema = z.object({
  applied: z.boolean().describe("false: a dry run (an apply refused for problems answers 422 with the report)"),
  report: reportSchema,
  job: jobSchema.nullable(),
  generatedPasswords: z.array(z.object({ address: z.string(), password: z.string() })).describe("shown once, never kept"),
});

function jobBody(job: ImportJobView, locale: Locale) {
  const t = translator(locale);
  return {
    id: job.id,
    subscription: job.subscriptionId,
    state: job.state,
    total: job.total,
    applied: job.applied,
    cancelRequested: job.cancelRequested,
    error: job.error && {
      line: job.error.line ?? null,
      message: [t(job.error.code, job.error.params), keptText(t, job.error)].filter(Boolean).join(" "),
    },
  };
}

type Upload = { open: () => ByteSource; remove?: () => Promise<void> };

/**
 * The uploaded file, to be read as often as the planner walks it: the `file` part of a form (a Blob the
 * platform buffered, so its declared length is checked first), or the body itself (text/csv, or a JSON
 * export), which can be read once only and is spooled to a private file for the request (`remove`).
 */
async function uploadedFile(request: Request): Promise<Upload> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES + 64 * 1024)
    throw new ApiProblem("badRequest", { detailKey: "api.problems.bodyTooLarge" });
  if (type.startsWith("multipart/form-data")) {
    const file = (await request.formData().catch(() => null))?.get("file");
    if (!(file instanceof File)) throw new ValidationError("errors.checkFields", { file: ["import.errors.fileMissing"] });
    return { open: () => file.stream() };
  }
  if (!FILE_TYPES.some((t) => type.startsWith(t))) throw new ApiProblem("unsupportedMediaType");
  if (!request.body) throw new ValidationError("errors.checkFields", { file: ["import.errors.fileMissing"] });
  return await spoolUpload(request.body);
}

export const importRoutes = [
  defineRoute({
    method: "POST",
    path: "/imports",
    operationId: "createImport",
    summary:
      "Import a CSV file or JSON export into a subscription: without apply the dry run (every line's problem with its number, nothing written); with apply=1 the same checks, then a job applied in batches (GET its progress)",
    resource: "imports",
    access: "write",
    upload: { types: FILE_TYPES, description: "The import's CSV (header line type,address,…) or a Kontor JSON export" },
    query: z.strictObject({
      subscription: z.coerce.number<string>("validation.required").int("validation.invalid").positive("validation.invalid"),
      apply: z
        .enum(["0", "1", "false", "true"], "validation.invalid")
        .optional()
        .transform((v) => v === "1" || v === "true"),
    }),
    response: importSchema,
    refusal: {
      description: "apply=1 of a file with problems: nothing written; `report` lists each problem with its line",
      members: z.object({ report: reportSchema }),
    },
    handle: async ({ actor, query, request, locale, ip, idempotent }) => {
      await checkImportTarget(actor, query.subscription); // a foreign subscription is 404 before the body is read
      const t = translator(locale);
      const importUpload = async (file: ImportFile) => {
        // The key is claimed with the file's digest once it is read: a retried apply starts no second job.
        return await idempotent(file.sha256, async () => {
          if (!query.apply) {
            const report = await dryRunImport(actor, query.subscription, file.rows, file.problems);
            return { body: { applied: false, report: translatedReport(t, report), job: null, generatedPasswords: [] } };
          }
          try {
            const done = await applyImport(actor, query.subscription, file.rows, file.problems, {
              ip,
              source: "api",
              sha256: file.sha256,
              background: true,
            });
            return {
              status: 202,
              location: `/imports/${done.jobId}`,
              body: {
                applied: true,
                report: translatedReport(t, done.report),
                job: jobBody(await getImportJob(actor, done.jobId), locale),
                generatedPasswords: done.generated,
              },
              secretFields: ["generatedPasswords"],
            };
          } catch (error) {
            if (!(error instanceof ImportRefused)) throw error;
            const members = { report: translatedReport(t, error.report) };
            throw new ApiProblem("validation", { detailKey: "api.problems.importRefused", members });
          }
        });
      };
      const upload = await uploadedFile(request);
      try {
        return await importUpload(await openImportFile(upload.open));
      } finally {
        await upload.remove?.();
      }
    },
  }),
  defineRoute({
    method: "GET",
    path: "/imports/{id}",
    operationId: "getImport",
    summary: "An import job's progress: lines applied of the total, its state, and why it failed",
    resource: "imports",
    access: "read",
    params: idParams,
    response: jobSchema,
    handle: async ({ actor, params, locale }) => ({ body: jobBody(await getImportJob(actor, params.id), locale) }),
  }),
  defineRoute({
    method: "POST",
    path: "/imports/{id}/cancel",
    operationId: "cancelImport",
    summary: "Cancel an import job: it stops after its current batch and undoes what it applied (a finished job stays)",
    resource: "imports",
    access: "write",
    params: idParams,
    response: jobSchema,
    successStatus: 202,
    handle: async ({ actor, params, locale }) => {
      await cancelImportJob(actor, params.id);
      return { body: jobBody(await getImportJob(actor, params.id), locale) };
    },
  }),
];
