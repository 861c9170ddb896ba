import type { MailboxServices } from "@/lib/services/mailboxes/list-subscription-mailboxes";

const KEYS = ["mailbox", "forwarding", "spamFilter"] as const satisfies readonly (keyof MailboxServices)[];
const GLYPHS: Record<keyof MailboxServices, string> = {
  // Simple own drawings: an envelope, an arrow, a shield.
  mailbox: "M3 6h18v12H3z M3 6l9 7 9-7",
  forwarding: "M4 12h12 M12 7l5 5-5 5",
  spamFilter: "M12 3l8 3v6c0 5-4 8-8 9-4-1-8-4-8-9V6z",
};
const ON: Record<keyof MailboxServices, string> = { mailbox: "text-sky-700", forwarding: "text-emerald-700", spamFilter: "text-amber-600" };

export const SERVICE_KEYS = KEYS;

/** How each icon is named for screen readers and the hover tooltip ("Mailbox: eingeschaltet"). */
export type ServiceLabels = Record<keyof MailboxServices, { on: string; off: string }>;

/**
 * The drawings, once per page: each icon then only references its symbol, which keeps a list of
 * fifty addresses from repeating the paths 150 times in the HTML and the page's RSC payload.
 */
export function ServiceIconSprites() {
  return (
    <svg aria-hidden="true" width="0" height="0" className="absolute">
      {KEYS.map((key) => (
        <symbol key={key} id={`svc-${key}`} viewBox="0 0 24 24">
          <path d={GLYPHS[key]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        </symbol>
      ))}
    </svg>
  );
}

/** Room per icon in the row's drawing: 18 px icon, 4 px gap. */
const STEP = 22;

/**
 * The per-address service icons, coloured when the service is on, grey when off, as one drawing per
 * address that references the page's symbols (ServiceIconSprites): five elements a row instead of
 * ten, for fifty rows a page. Its title names all three states, for screen readers and the tooltip.
 */
export function ServiceIcons({ services, labels }: { services: MailboxServices; labels: ServiceLabels }) {
  return (
    <svg role="img" width={STEP * KEYS.length - 4} height="18" className="align-middle">
      <title>{KEYS.map((key) => labels[key][services[key] ? "on" : "off"]).join(", ")}</title>
      {KEYS.map((key, i) => (
        <use key={key} href={`#svc-${key}`} x={i * STEP} width="18" height="18" className={services[key] ? ON[key] : "text-slate-300"} data-on={services[key]} />
      ))}
    </svg>
  );
}
