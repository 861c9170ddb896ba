import { getTranslations } from "next-intl/server";
import type { MailboxServices } from "@/lib/services/mailboxes/list-subscription-mailboxes";

const GLYPHS: Record<keyof MailboxServices, string> = {
  // Simple own drawings: an envelope, an arrow, a shield.
  mailbox: "M3 6h18v12H3z M3 6l9 7 9-7",
  forwarding: "M4 12h12 M12 7l5 5-5 5",
  spamFilter: "M12 3l8 3v6c0 5-4 8-8 9-4-1-8-4-8-9V6z",
};
const ON: Record<keyof MailboxServices, string> = { mailbox: "text-sky-700", forwarding: "text-emerald-700", spamFilter: "text-amber-600" };

/** The per-address service icons of the address list: coloured when the service is on, grey when off. */
export async function ServiceIcons({ services }: { services: MailboxServices }) {
  const t = await getTranslations("panel.service");
  return (
    <span className="inline-flex gap-1.5">
      {(Object.keys(GLYPHS) as (keyof MailboxServices)[]).map((key) => {
        const label = t(services[key] ? "on" : "off", { name: t(key) });
        return (
          <svg key={key} role="img" aria-label={label} viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor"
            strokeWidth="2" strokeLinejoin="round" className={services[key] ? ON[key] : "text-slate-300"} data-on={services[key]}>
            <title>{label}</title>
            <path d={GLYPHS[key]} />
          </svg>
        );
      })}
    </span>
  );
}
