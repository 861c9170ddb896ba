import { getTranslations } from "@/lib/i18n/translations";

/** One usage row: "3 of 5", or "3 (unlimited)"; marked when the limit is reached. */
export async function UsageCell({ label, used, max }: { label: string; used: number; max: number | null }) {
  const t = await getTranslations("orders");
  const full = max !== null && used >= max;
  return (
    <tr className="border-t border-slate-100">
      <th scope="row" className="py-1 font-normal">
        {label}
      </th>
      <td className={full ? "font-semibold text-amber-700" : undefined}>
        {max === null ? t("usedUnlimited", { used }) : t("usedOf", { used, max })}
      </td>
    </tr>
  );
}
