import { getTranslations } from "@/lib/i18n/translations";
import type { ReactNode } from "react";
import type { Crumb } from "@/components/panel/shared/skin-types";

/** Plesk 8/9 page: the path bar ("Start > E-Mail > …"), the title, then the page's boxes. */
export async function ClassicPage({
  title,
  crumbs,
  actions,
  children,
}: {
  title: string;
  crumbs: Crumb[];
  actions?: ReactNode;
  children: ReactNode;
}) {
  const t = await getTranslations("panel");
  return (
    <div className="space-y-3">
      <nav aria-label={t("breadcrumbs")} className="text-[12px] text-[#3b5875]">
        {crumbs.map((c, i) => (
          <span key={i}>
            {i > 0 && <span className="px-1 text-slate-400">›</span>}
            {c.href ? (
              <a href={c.href} className="underline-offset-2 hover:underline">
                {c.label}
              </a>
            ) : (
              <span>{c.label}</span>
            )}
          </span>
        ))}
      </nav>
      <div className="flex items-center justify-between gap-3 border-b border-[#9fb1c3] pb-2">
        <h1 className="text-lg font-bold text-[#1f3850]">{title}</h1>
        {actions}
      </div>
      {children}
    </div>
  );
}

export function ClassicBox({ children }: { children: ReactNode }) {
  return <div className="rounded border border-[#9fb1c3] bg-white p-4">{children}</div>;
}
