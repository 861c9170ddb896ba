import type { MailboxServices } from "@/lib/services/mailboxes/list-subscription-mailboxes";

const KEYS = ["mailbox", "forwarding", "spamFilter"] as const satisfies readonly (keyof MailboxServices)[];

export const SERVICE_KEYS = KEYS;

/** How each icon is named for screen readers and the hover tooltip ("Mailbox: eingeschaltet"). */
export type ServiceLabels = Record<keyof MailboxServices, { on: string; off: string }>;

/**
 * The per-address service icons, coloured when the service is on, grey when off. One element per
 * address: the drawings are backgrounds chosen by class (app/globals.css, `.svc`), because the list
 * renders fifty of these per page and an svg with its parts cost five elements each. The name lists
 * all three states, for screen readers and the tooltip.
 */
export function ServiceIcons({ services, labels }: { services: MailboxServices; labels: ServiceLabels }) {
  const name = KEYS.map((key) => labels[key][services[key] ? "on" : "off"]).join(", ");
  const classes = KEYS.map((key) => `svc-${key}-${services[key] ? "on" : "off"}`).join(" ");
  return <span role="img" aria-label={name} title={name} className={`svc ${classes}`} />;
}
