"use client";
import type { MailboxServices } from "@/lib/services/mailboxes/list-subscription-mailboxes";
import { ServiceIcons, type ServiceLabels } from "./service-icons";

/**
 * One address of the list, as compact as the page payload allows: every field of every row is
 * serialized into the RSC payload, parsed again for the server-side HTML and sent to the browser, so
 * the link is built here from the list's `hrefBase` and the id, and a mark that is usually off is
 * left out rather than sent as `false`.
 */
export type MailRow = {
  id: number;
  address: string;
  services: MailboxServices;
  quota: string;
  /** From 90 % of the quota on the usage is marked. */
  nearQuota?: true;
  lastLogin: string;
};

/**
 * The rows of the address list. A client component on purpose: the RSC payload then carries only
 * these few fields per row instead of every element of every row, and the server renders the markup
 * once. Texts arrive translated; tick boxes are named by their address and one shared word.
 */
export function MailRows({
  rows,
  hrefBase,
  labels,
  selectId,
  addressFirst,
}: {
  rows: MailRow[];
  /** The address page's path without the id ("/panel/2/mail/"). */
  hrefBase: string;
  labels: ServiceLabels;
  selectId: string;
  addressFirst: boolean;
}) {
  return rows.map((m) => (
    <tr key={m.id}>
      <td>
        <input
          type="checkbox"
          name="ids"
          value={m.id}
          aria-labelledby={addressFirst ? `mail-${m.id} ${selectId}` : `${selectId} mail-${m.id}`}
        />
      </td>
      <td>
        <a id={`mail-${m.id}`} href={`${hrefBase}${m.id}`}>
          {m.address}
        </a>
      </td>
      <td>
        <ServiceIcons services={m.services} labels={labels} />
      </td>
      <td className={m.nearQuota ? "font-semibold text-red-700" : undefined}>{m.quota}</td>
      <td>{m.lastLogin}</td>
    </tr>
  ));
}
