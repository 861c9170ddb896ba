import type { JobError } from "./import-job";
import type { ImportReport } from "./run-import";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The report with every message in the user's language (the panel's answer and the API's): the caller gets text, no catalogue. */
export function translatedReport(t: Translate, report: ImportReport) {
  const tr = (key: string, params?: Record<string, string | number>) => {
    const values = Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, k === "reason" ? t(String(v)) : v]));
    return t(key, values);
  };
  return {
    counts: report.counts,
    rowCount: report.rowCount,
    problemCount: report.problemCount,
    rows: report.rows.map((r) => ({
      line: r.line,
      kind: t(`import.kinds.${r.kind}`),
      op: t(`import.ops.${r.op}`),
      name: r.name,
      detail: [
        r.password ? t(r.password, { scheme: r.scheme ?? "" }) : "",
        r.quotaMb !== undefined ? t("import.detail.quota", { quota: r.quotaMb ?? "∞" }) : "",
        r.enabled === false ? t("import.detail.disabled") : "",
        r.spamLevel !== undefined
          ? t("import.detail.spam", { level: r.spamLevel, action: t(`import.spamActions.${r.spamAction ?? ""}`) })
          : "",
        r.subject ? t("import.detail.subject", { subject: r.subject }) : "",
        r.targets ? r.targets.join(", ") : "",
      ]
        .filter(Boolean)
        .join(" · "),
    })),
    problems: report.problems.map((p) => ({ line: p.line, message: tr(p.code, p.params) })),
    weakHashes: report.weakHashes,
    weakHashCount: report.weakHashCount,
    // "… and K more": what a list leaves out (a report's lists are bounded; its counts are not).
    more: {
      rows: more(t, report.rowCount - report.rows.length),
      problems: more(t, report.problemCount - report.problems.length),
      weakHashes: more(t, report.weakHashCount - report.weakHashes.length),
    },
  };
}

const more = (t: Translate, count: number) => (count > 0 ? t("import.more", { count }) : "");

/** An undone job's outcome in words, with what its undo had to leave and why ("" when it left nothing). */
export function keptText(t: Translate, error: JobError | null): string {
  const kept = error?.kept ?? [];
  return kept.length ? t("import.jobs.kept", { count: kept.length, domains: kept.join(", ") }) : "";
}
