import type { ReactNode } from "react";
import { webmailUrl } from "@/lib/config";

/**
 * "Webmail" for one mailbox: Roundcube's login with the address filled in (its `_user` parameter),
 * in a new tab. Nothing when no webmail is configured (KONTOR_WEBMAIL_URL).
 */
export function WebmailLink({ address, label, className }: { address: string; label: ReactNode; className?: string }) {
  const base = webmailUrl();
  if (!base) return null;
  return (
    <a
      href={`${base}/?_user=${encodeURIComponent(address)}`}
      target="_blank"
      rel="noopener noreferrer"
      className={className ?? "text-brand-700 underline"}
    >
      {label}
    </a>
  );
}
