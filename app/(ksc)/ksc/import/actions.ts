"use server";

import type { ActionState } from "@/lib/actions/action-state";
import { defineAction } from "@/lib/actions/define-action";
import { openImportFile } from "@/lib/services/import/read-json";
import { applyImport, checkImportTarget, dryRunImport, ImportRefused } from "@/lib/services/import/run-import";
import { cancelImportJob } from "@/lib/services/import/job-control";
import { importJobSchema, importSchema } from "@/lib/validation/import";
import { translatedReport as translated } from "@/lib/services/import/report-text";

/**
 * "Prüfen" reads the file and answers the dry run's report; "Importieren" starts the same file (its
 * digest must match the checked one) as an import job applied in batches. Generated passwords come
 * back in this answer only: nothing keeps them.
 */
export const importAction = defineAction({
  permission: "import.manage",
  schema: importSchema,
  files: ["file"],
  handler: async ({ actor, input, ip, t, files }): Promise<ActionState> => {
    await checkImportTarget(actor, input.subscriptionId); // a foreign subscription is 404 before anything else
    const file = files.file;
    if (!file) return { status: "error", formError: t("errors.checkFields"), fieldErrors: { file: [t("import.errors.fileMissing")] } };
    // The upload is a Blob: each walk of the planner reads it again, so its lines are never all held.
    const csv = await openImportFile(() => file.stream());
    if (input.intent === "check") {
      const report = await dryRunImport(actor, input.subscriptionId, csv.rows, csv.problems);
      const message = report.problemCount ? t("import.checkedProblems", { count: report.problemCount }) : t("import.checkedClean");
      return { status: "success", message, data: { report: JSON.stringify(translated(t, report)), checked: csv.sha256, applied: "" } };
    }
    if (input.checked !== csv.sha256)
      return { status: "error", formError: t("import.errors.checkFirst"), fieldErrors: { file: [t("import.errors.checkFirst")] } };
    try {
      // The batches run on after this answer; the page shows their progress (components/import/import-jobs.tsx).
      const { report, generated } = await applyImport(actor, input.subscriptionId, csv.rows, csv.problems, {
        ip,
        source: "panel",
        sha256: csv.sha256,
        background: true,
      });
      return {
        status: "success",
        message: t("import.jobs.started", { count: report.rowCount }),
        data: { report: JSON.stringify(translated(t, report)), checked: "", applied: "1", generated: JSON.stringify(generated) },
      };
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      return {
        status: "success",
        message: t("import.refused"),
        data: { report: JSON.stringify(translated(t, error.report)), checked: "", applied: "" },
      };
    }
  },
});

/** "Abbrechen" of an import job: it stops after its current batch and undoes what it applied. */
export const cancelImportAction = defineAction({
  permission: "import.manage",
  schema: importJobSchema,
  handler: async ({ actor, input, t }): Promise<ActionState> => {
    await cancelImportJob(actor, input.jobId);
    return { status: "success", message: t("import.jobs.cancelling") };
  },
});
