"use client";

import type { ReactNode } from "react";
import { useSkin } from "./skin";

/** The form's main button; disabled while the action runs, optionally with its own pending text. */
export function SubmitButton({
  pending,
  children,
  pendingLabel,
  className,
  name,
  value,
}: {
  pending: boolean;
  children: ReactNode;
  pendingLabel?: ReactNode;
  className?: string;
  name?: string;
  value?: string;
}) {
  const skin = useSkin();
  return (
    <button type="submit" name={name} value={value} disabled={pending} className={`${skin.submit} ${className ?? ""}`}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/** "Abbrechen" of the Plesk forms: back to where the user came from, nothing posted. */
export function CancelLink({ href, children }: { href: string; children: ReactNode }) {
  const skin = useSkin();
  return (
    <a href={href} className={skin.secondary}>
      {children}
    </a>
  );
}
