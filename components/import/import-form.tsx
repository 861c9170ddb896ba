"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Form } from "@/components/form/form";
import { SubmitButton } from "@/components/form/buttons";
import { FileField } from "@/components/form/file-field";
import { SelectField } from "@/components/form/fields";
import { ErrorNotice, FormMessage, SuccessNotice } from "@/components/form/notices";
import { useForm, type FormAction } from "@/components/form/use-form";

type Report = {
  counts: Record<"create" | "change" | "unchanged", number>;
  rowCount: number;
  problemCount: number;
  rows: { line: number; kind: string; op: string; name: string; detail: string }[];
  problems: { line: number; message: string }[];
  weakHashes: { line: number; address: string; scheme: string }[];
  /** "… and K more" of each list, in the user's language ("" when nothing is left out). */
  more: Record<"rows" | "problems" | "weakHashes", string>;
};

export type ImportLabels = Record<
  | "subscription"
  | "file"
  | "fileHint"
  | "check"
  | "apply"
  | "pending"
  | "preview"
  | "line"
  | "kind"
  | "op"
  | "name"
  | "detail"
  | "problems"
  | "weakHashes"
  | "generated"
  | "generatedHint"
  | "download"
  | "address"
  | "password"
  | "tooLarge",
  string
>;

/** Browsers post at most this to a server action (Next's limit); larger files go through the CLI. */
const MAX_PANEL_BYTES = 1024 * 1024 - 16 * 1024;

/**
 * Upload, dry run ("Prüfen") and apply ("Importieren", which starts an import job whose progress
 * components/import/import-jobs.tsx shows). The file stays selected between the two
 * posts; apply is offered only after a dry run without problems, and sends the digest of the file
 * that was checked. Generated passwords are shown once and can be saved once as a CSV made in the
 * browser from this answer; the server keeps none.
 */
export function ImportForm({
  action,
  targets,
  labels,
}: {
  action: FormAction;
  targets: { id: number; label: string }[];
  labels: ImportLabels;
}) {
  const form = useForm(action);
  const [tooLarge, setTooLarge] = useState(false);
  const [downloaded, setDownloaded] = useState(false);
  const data = form.state.status === "success" ? form.state.data : undefined;
  const report = data?.report ? (JSON.parse(data.report) as Report) : null;
  const generated = data?.generated ? (JSON.parse(data.generated) as { address: string; password: string }[]) : [];
  const checked = data?.checked ?? "";
  const canApply = !!report && !report.problemCount && !!checked;
  const started = data?.applied === "1";
  const router = useRouter();
  // The job it started appears in the progress list the server renders.
  useEffect(() => {
    if (started) router.refresh();
  }, [started, form.saved, router]);

  const download = () => {
    const csv = ["address,password", ...generated.map((g) => `${g.address},"${g.password.replace(/"/g, '""')}"`)].join("\r\n");
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "passwoerter.csv";
    a.click();
    URL.revokeObjectURL(url);
    setDownloaded(true);
  };

  return (
    <div className="space-y-4">
      <Form form={form} className="space-y-3" aria-label={labels.check}>
        <SelectField
          name="subscriptionId"
          label={labels.subscription}
          errors={form.errors}
          options={targets.map((t) => ({ value: String(t.id), label: t.label }))}
        />
        <FileField
          id="import-file"
          name="file"
          label={labels.file}
          hint={labels.fileHint}
          accept=".csv,text/csv,.json,application/json"
          errors={form.errors}
          alsoErrors={tooLarge ? [labels.tooLarge] : []}
          onFile={(file) => setTooLarge((file?.size ?? 0) > MAX_PANEL_BYTES)}
        />
        <input type="hidden" name="checked" value={checked} />
        <div className="flex gap-2">
          <SubmitButton pending={form.pending || tooLarge} name="intent" value="check" pendingLabel={labels.pending}>
            {labels.check}
          </SubmitButton>
          {canApply && (
            <SubmitButton pending={form.pending} name="intent" value="apply" pendingLabel={labels.pending}>
              {labels.apply}
            </SubmitButton>
          )}
        </div>
        <FormMessage state={form.state} success={<span />} />
      </Form>

      {data &&
        form.state.status === "success" &&
        (report?.problemCount ? <ErrorNotice>{form.state.message}</ErrorNotice> : <SuccessNotice title={form.state.message} />)}

      {generated.length > 0 && (
        <section aria-label={labels.generated} className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <h2 className="font-semibold">{labels.generated}</h2>
          <p className="mb-2">{labels.generatedHint}</p>
          <table className="w-full text-left">
            <thead>
              <tr>
                <th>{labels.address}</th>
                <th>{labels.password}</th>
              </tr>
            </thead>
            <tbody>
              {generated.map((g) => (
                <tr key={g.address}>
                  <td>{g.address}</td>
                  <td className="font-mono">{g.password}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!downloaded && (
            <button type="button" onClick={download} className="mt-2 rounded border border-slate-300 px-3 py-1">
              {labels.download}
            </button>
          )}
        </section>
      )}

      {report && report.problems.length > 0 && (
        <section aria-label={labels.problems}>
          <h2 className="mb-1 font-semibold">{labels.problems}</h2>
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="w-20">{labels.line}</th>
                <th>{labels.detail}</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={`${p.line}-${i}`} className="border-t border-slate-200">
                  <td>{p.line || "–"}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.more.problems && <p className="text-sm">{report.more.problems}</p>}
        </section>
      )}

      {report && report.weakHashes.length > 0 && (
        <section aria-label={labels.weakHashes}>
          <h2 className="mb-1 font-semibold">{labels.weakHashes}</h2>
          <ul className="list-disc pl-5 text-sm">
            {report.weakHashes.map((w) => (
              <li key={w.line}>
                {labels.line} {w.line}: {w.address} ({w.scheme})
              </li>
            ))}
          </ul>
          {report.more.weakHashes && <p className="text-sm">{report.more.weakHashes}</p>}
        </section>
      )}

      {report && report.rows.length > 0 && (
        <section aria-label={labels.preview}>
          <h2 className="mb-1 font-semibold">{labels.preview}</h2>
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="w-20">{labels.line}</th>
                <th>{labels.kind}</th>
                <th>{labels.op}</th>
                <th>{labels.name}</th>
                <th>{labels.detail}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.line} className="border-t border-slate-200">
                  <td>{r.line}</td>
                  <td>{r.kind}</td>
                  <td>{r.op}</td>
                  <td>{r.name}</td>
                  <td>{r.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.more.rows && <p className="text-sm">{report.more.rows}</p>}
        </section>
      )}
    </div>
  );
}
