import { getTranslations } from "@/lib/i18n/translations";
import { buttonClass, inputClass } from "@/components/form/styles";
import type { AuditQuery } from "@/lib/validation/audit";

const FIELDS = [
  ["actor", "text"],
  ["target", "text"],
  ["action", "text"],
  ["from", "date"],
  ["to", "date"],
] as const;

/** GET form; the filters stay in the URL and in the pagination links. */
export async function AuditFilters({ query }: { query: AuditQuery }) {
  const t = await getTranslations("audit");
  return (
    <form method="get" role="search" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
      {FIELDS.map(([name, type]) => (
        <div key={name}>
          <label htmlFor={`audit-${name}`} className="block text-sm font-medium">
            {t(`filters.${name}`)}
          </label>
          <input id={`audit-${name}`} name={name} type={type} defaultValue={query[name] ?? ""} className={inputClass} />
        </div>
      ))}
      <button type="submit" className={buttonClass}>
        {t("apply")}
      </button>
    </form>
  );
}
