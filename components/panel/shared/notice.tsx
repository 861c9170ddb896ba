import type { ReactNode } from "react";

/** Green confirmation box, announced politely to screen readers. */
export function SuccessNotice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div role="status" className="rounded border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
      <p className="font-semibold">{title}</p>
      {children}
    </div>
  );
}

export function ErrorNotice({ children }: { children: ReactNode }) {
  return <div role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{children}</div>;
}
