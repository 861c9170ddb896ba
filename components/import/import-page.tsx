import { ImportForm, type ImportLabels } from "@/components/import/import-form";
import { ErrorNotice } from "@/components/form/notices";
import { Card, PageTitle } from "@/components/ui/card";
import { cancelImportAction, importAction } from "@/app/(ksc)/ksc/import/actions";
import { ImportJobs } from "@/components/import/import-jobs";
import { importJobItems } from "@/components/import/import-job-items";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { getTranslations } from "@/lib/i18n/translations";
import { listImportTargets } from "@/lib/services/import/import-targets";

/**
 * "Import & Export" of the KSC, the reseller area and the administration: the same form, each
 * listing the subscriptions of its own scope. Texts are translated here and handed to the form, so
 * no message catalogue goes to the browser.
 */
export async function ImportPage({ actor, exportFailed = false }: { actor: Actor; exportFailed?: boolean }) {
  const t = await getTranslations();
  const targets = await listImportTargets(actor);
  const withHashes = can(actor, "export.hashes");
  const key = (k: string) => t(`import.${k}`);
  const labels: ImportLabels = {
    subscription: key("subscription"),
    file: key("file"),
    fileHint: key("fileHint"),
    check: key("check"),
    apply: key("apply"),
    pending: key("pending"),
    preview: key("preview"),
    line: key("line"),
    kind: key("kind"),
    op: key("op"),
    name: key("name"),
    detail: key("detailColumn"),
    problems: key("problemsTitle"),
    weakHashes: key("weakHashesTitle"),
    generated: key("generatedTitle"),
    generatedHint: key("generatedHint"),
    download: key("download"),
    address: key("address"),
    password: key("password"),
    tooLarge: key("tooLarge"),
  };
  const jobLabels = {
    title: key("jobs.title"),
    progress: key("jobs.progress"),
    cancel: key("jobs.cancel"),
    cancelConfirm: key("jobs.cancelConfirm"),
    pending: key("pending"),
  };
  return (
    <>
      <PageTitle>{t("nav.import")}</PageTitle>
      <Card title={key("importTitle")}>
        <p className="mb-2 text-sm text-slate-600">{key("intro")}</p>
        <p className="mb-4 text-xs text-slate-600">{key("format")}</p>
        <ImportForm action={importAction} targets={targets} labels={labels} />
        <div className="mt-4">
          <ImportJobs jobs={await importJobItems(actor, t)} labels={jobLabels} cancelAction={cancelImportAction} />
        </div>
      </Card>
      <Card title={key("exportTitle")}>
        <p className="mb-2 text-sm text-slate-600">{key("exportIntro")}</p>
        {/* app/api/export/route.ts sends people back here when it could not make the file. */}
        {exportFailed && <ErrorNotice>{key("exportFailed")}</ErrorNotice>}
        <ul className="space-y-1 text-sm">
          {targets.map((target) => (
            <li key={target.id}>
              {target.label}:{" "}
              <a className="text-brand-700 underline" href={`/api/export?subscription=${target.id}&format=csv`}>
                {key("exportCsv")}
              </a>{" "}
              ·{" "}
              <a className="text-brand-700 underline" href={`/api/export?subscription=${target.id}&format=json`}>
                {key("exportJson")}
              </a>
              {withHashes && (
                <>
                  {" "}
                  ·{" "}
                  <a className="text-brand-700 underline" href={`/api/export?subscription=${target.id}&format=csv&hashes=1`}>
                    {key("exportHashes")}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
