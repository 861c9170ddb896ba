import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { getTranslations } from "@/lib/i18n/translations";
import { buttonClass, inputClass } from "@/components/form/styles";
import { AUDIT_ACTIONS } from "@/lib/services/audit/actions";
import { auditActionText } from "@/lib/services/audit/action-text";
import type { AuditQuery } from "@/lib/validation/audit";

/**
 * GET form; the filters stay in the URL and in the pagination links. The action is chosen by its
 * phrase (nobody is expected to know the stored codes); a code prefix from a link or bookmark
 * ("mailbox.") still filters and stays selected.
 */
export async function AuditFilters({ query }: { query: AuditQuery }) {
  const t = await getTranslations("audit");
  const collator = new Intl.Collator(await getLocale());
  const actions = AUDIT_ACTIONS.map((code) => ({ code, label: auditActionText(t, code) })).sort((a, b) =>
    collator.compare(a.label, b.label),
  );
  const other = query.action && !actions.some((a) => a.code === query.action) ? query.action : null;
  const field = (name: keyof AuditQuery, control: ReactNode) => (
    <div>
      <label htmlFor={`audit-${name}`} className="block text-sm font-medium">
        {t(`filters.${name}`)}
      </label>
      {control}
    </div>
  );
  const input = (name: "actor" | "target" | "from" | "to", type: "text" | "date") =>
    field(name, <input id={`audit-${name}`} name={name} type={type} defaultValue={query[name] ?? ""} className={inputClass} />);
  return (
    <form method="get" role="search" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
      {input("actor", "text")}
      {input("target", "text")}
      {field(
        "action",
        <select id="audit-action" name="action" defaultValue={query.action ?? ""} className={inputClass}>
          <option value="">{t("actionAll")}</option>
          {other && <option value={other}>{other}</option>}
          {actions.map((a) => (
            <option key={a.code} value={a.code}>
              {a.label}
            </option>
          ))}
        </select>,
      )}
      {input("from", "date")}
      {input("to", "date")}
      <button type="submit" className={buttonClass}>
        {t("apply")}
      </button>
    </form>
  );
}
