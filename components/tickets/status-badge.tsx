import { getTranslations } from "@/lib/i18n/translations";

const COLORS: Record<string, string> = {
  new: "bg-amber-100 text-amber-900",
  in_progress: "bg-blue-100 text-blue-900",
  answered: "bg-green-100 text-green-900",
  closed: "bg-slate-200 text-slate-700",
};

export async function StatusBadge({ status }: { status: string }) {
  const t = await getTranslations("tickets");
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${COLORS[status] ?? ""}`}>{t(`statuses.${status}`)}</span>;
}
