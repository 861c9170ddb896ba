import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";

type Props = {
  base: string;
  params: Record<string, string | undefined>;
  cursorName: string;
  cursor: string | number | null;
  isFirst: boolean;
};

/** Keyset pagination: "next" carries the cursor, "first page" drops it; filters stay in the link. */
export async function Pager({ base, params, cursorName, cursor, isFirst }: Props) {
  const t = await getTranslations("tickets");
  const href = (extra: Record<string, string>) => {
    const qs = new URLSearchParams(Object.entries({ ...params, ...extra }).filter((e): e is [string, string] => !!e[1]));
    const s = qs.toString();
    return s ? `${base}?${s}` : base;
  };
  if (isFirst && cursor === null) return null;
  return (
    <nav aria-label={t("pagination")} className="mt-4 flex gap-4 text-sm">
      {!isFirst && (
        <Link href={href({})} className="text-brand-700 underline">
          {t("firstPage")}
        </Link>
      )}
      {cursor !== null && (
        <Link href={href({ [cursorName]: String(cursor) })} className="text-brand-700 underline">
          {t("nextPage")}
        </Link>
      )}
    </nav>
  );
}
