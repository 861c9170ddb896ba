import { getTranslations } from "@/lib/i18n/translations";
import { buttonClass, inputClass } from "@/components/form/styles";
import { MAILBOX_SEARCH_FIELDS, type MailboxSearchQuery } from "@/lib/validation/support";

/** GET search form; the optional ticket number travels to the record view and into its audit entry. */
export async function MailboxSearchForm({ query, ticket }: { query: MailboxSearchQuery; ticket?: number }) {
  const t = await getTranslations("records");
  return (
    <form method="get" role="search" aria-describedby="q-hint">
      <div className="grid gap-3 sm:grid-cols-[1.4fr_2fr_1fr_auto] sm:items-end">
        <div>
          <label htmlFor="field" className="block text-sm font-medium">
            {t("searchBy")}
          </label>
          <select id="field" name="field" defaultValue={query.field} className={inputClass}>
            {MAILBOX_SEARCH_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`fields.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="q" className="block text-sm font-medium">
            {t("searchTerm")}
          </label>
          <input id="q" name="q" type="search" defaultValue={query.q} className={inputClass} aria-describedby="q-hint" />
        </div>
        <div>
          <label htmlFor="ticket" className="block text-sm font-medium">
            {t("ticketNumber")}
          </label>
          <input id="ticket" name="ticket" type="text" inputMode="numeric" defaultValue={ticket ?? ""} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass}>
          {t("search")}
        </button>
      </div>
      <p id="q-hint" className="mt-2 text-xs text-slate-500">
        {t("searchHint")}
      </p>
    </form>
  );
}
