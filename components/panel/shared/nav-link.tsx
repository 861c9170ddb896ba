"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/**
 * A navigation link that marks itself current (aria-current) when its page is open. A plain anchor:
 * the panel pages load whole, as Plesk's did, and next/link would cost the server ~0.1 ms of
 * rendering per link on every page and prefetch every tab as soon as the page is shown.
 */
export function NavLink({
  href,
  exact = false,
  className,
  activeClassName,
  children,
}: {
  href: string;
  exact?: boolean;
  className: string;
  activeClassName: string;
  children: ReactNode;
}) {
  const path = usePathname();
  const active = exact ? path === href : path === href || path.startsWith(`${href}/`);
  return (
    <a href={href} aria-current={active ? "page" : undefined} className={`${className} ${active ? activeClassName : ""}`}>
      {children}
    </a>
  );
}
