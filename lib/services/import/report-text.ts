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
  };
}
