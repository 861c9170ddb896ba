import { useId } from "react";
import type { IconName } from "@/components/panel/shared/icons";
import { PanelIcon } from "@/components/panel/shared/icons";
import { CLASSIC_THEME, type ClassicVariant } from "./variant";

export type GroupIcon = { href: string; label: string; icon: IconName };

/** A titled box of large icons with their labels below, as Plesk 8/9 grouped their tools. */
export function IconGroup({
  variant,
  title,
  icons,
  activeHref,
}: {
  variant: ClassicVariant;
  title: string;
  icons: GroupIcon[];
  activeHref?: string;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="overflow-hidden rounded border border-[#9fb1c3] bg-white">
      <h2 id={id} className={`px-3 py-1 text-[12px] font-bold ${CLASSIC_THEME[variant].groupHead}`}>
        {title}
      </h2>
      <div className="flex flex-wrap gap-2 p-3">
        {icons.map((i) => (
          <a
            key={i.href + i.label}
            href={i.href}
            aria-current={i.href === activeHref ? "page" : undefined}
            className={`flex w-28 flex-col items-center gap-1 rounded p-2 text-center text-[12px] text-[#1d3f61] hover:bg-[#eef3f8] ${i.href === activeHref ? "bg-[#dfe9f3] font-semibold" : ""}`}
          >
            <span className="flex h-11 w-11 items-center justify-center rounded-md border border-[#b8c8d8] bg-gradient-to-b from-white to-[#dde7f1] text-[#2c5a86]">
              <PanelIcon name={i.icon} size={26} />
            </span>
            {i.label}
          </a>
        ))}
      </div>
    </section>
  );
}
