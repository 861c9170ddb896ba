import type { ReactNode } from "react";

/** A titled box of a page. A table wider than a phone scrolls inside it instead of widening the page. */
export function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="overflow-x-auto rounded-lg bg-white p-5 shadow-sm">
      <h2 className="mb-3 text-lg font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export function PageTitle({ children }: { children: ReactNode }) {
  return <h1 className="text-2xl font-semibold text-slate-900">{children}</h1>;
}
