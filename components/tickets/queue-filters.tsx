import { getTranslations } from "@/lib/i18n/translations";
import { TICKET_CATEGORIES, TICKET_STATUSES } from "@/db/schema/tickets";
import type { TicketQueueQuery } from "@/lib/validation/ticket";
import { buttonClass, inputClass } from "@/components/form/styles";

/** Plain GET form: filters live in the URL, so a filtered queue can be bookmarked and shared. */
export async function QueueFilters({ query }: { query: TicketQueueQuery }) {
  const t = await getTranslations("tickets");
  return (
    <form method="get" role="search" className="grid gap-3 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-end">
      <div>
        <label htmlFor="status" className="block text-sm font-medium">
          {t("status")}
        </label>
        <select id="status" name="status" defaultValue={query.status ?? ""} className={inputClass}>
          <option value="">{t("all")}</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="category" className="block text-sm font-medium">
          {t("category")}
        </label>
        <select id="category" name="category" defaultValue={query.category ?? ""} className={inputClass}>
          <option value="">{t("all")}</option>
          {TICKET_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="q" className="block text-sm font-medium">
          {t("search")}
        </label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("searchPlaceholder")} className={inputClass} />
      </div>
      <button type="submit" className={buttonClass}>
        {t("filter")}
      </button>
    </form>
  );
}
