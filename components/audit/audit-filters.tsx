import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { getTranslations } from "@/lib/i18n/translations";
import { DateField } from "@/components/form/date-field";
import { buttonClass, inputClass } from "@/components/form/styles";
import { AUDIT_ACTIONS } from "@/lib/services/audit/actions";
import { auditActionText } from "@/lib/services/audit/action-text";
import type { AuditQuery } from "@/lib/validation/audit";

type Props = {
  query: AuditQuery;
  /** The date filters as typed, shown again beside their message when they name no day. */
  typedDays: Partial<Record<"from" | "to", string>>;
  dayErrors: Partial<Record<"from" | "to", string[]>>;
};

/**
 * GET form; the filters stay in the URL and in the pagination links. The action is chosen by its
 * phrase (nobody is expected to know the stored codes); a code prefix from a link or bookmark
 * ("mailbox.") still filters and stays selected.
 */
export async function AuditFilters({ query, typedDays, dayErrors }: Props) {
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
  const input = (name: "actor" | "target") =>
    field(name, <input id={`audit-${name}`} name={name} type="text" defaultValue={query[name] ?? ""} className={inputClass} />);
  const day = (name: "from" | "to") => (
    <DateField
      id={`audit-${name}`}
      name={name}
      label={t(`filters.${name}`)}
      defaultValue={dayErrors[name] ? typedDays[name] : query[name]}
      errors={dayErrors}
    />
  );
  return (
    <form method="get" role="search" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {input("actor")}
        {input("target")}
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
        {day("from")}
        {day("to")}
      </div>
      <button type="submit" className={buttonClass}>
        {t("apply")}
      </button>
    </form>
  );
}
