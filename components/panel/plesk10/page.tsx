import { getTranslations } from "@/lib/i18n/translations";
import type { ReactNode } from "react";
import type { Crumb } from "@/components/panel/shared/skin-types";

/** Plesk 10 page: small breadcrumbs, a large title, an optional button row ("upper area"), content. */
export async function Plesk10Page({
  title,
  crumbs,
  buttons,
  children,
}: {
  title: string;
  crumbs: Crumb[];
  buttons?: ReactNode;
  children: ReactNode;
}) {
  const t = await getTranslations("panel");
  return (
    <div className="space-y-4">
      <nav aria-label={t("breadcrumbs")} className="text-[12px] text-slate-500">
        {crumbs.map((c, i) => (
          <span key={i}>
            {i > 0 && <span className="px-1">/</span>}
            {c.href ? (
              <a href={c.href} className="text-[#1f6fb2] hover:underline">
                {c.label}
              </a>
            ) : (
              <span>{c.label}</span>
            )}
          </span>
        ))}
      </nav>
      <h1 className="text-2xl font-light text-[#22272d]">{title}</h1>
      {buttons && <div className="flex flex-wrap gap-2 border-y border-slate-300 bg-white/60 px-2 py-2">{buttons}</div>}
      {children}
    </div>
  );
}

export const plesk10Button =
  "inline-flex items-center gap-1.5 rounded border border-slate-400 bg-gradient-to-b from-white to-[#e3e6e9] px-3 py-1.5 text-[13px] text-[#22272d] hover:to-[#d3d8dd]";
export const plesk10ButtonActive = "!from-[#d8e8f6] !to-[#bcd6ee] border-[#5b8fc0] font-semibold";

export function Plesk10Box({ children }: { children: ReactNode }) {
  return <div className="rounded border border-slate-300 bg-white p-4">{children}</div>;
}
