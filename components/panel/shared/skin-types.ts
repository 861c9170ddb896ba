import type { ReactNode } from "react";
import type { PanelMailbox } from "@/lib/services/mailboxes/get-panel-mailbox";
import type { MailboxServices } from "@/lib/services/mailboxes/list-subscription-mailboxes";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";

export type Crumb = { href?: string; label: string };
export type AddressTool = "settings" | "forwarding" | "spam" | "autoresponder" | "aliases";
export type MailListItem = {
  id: number;
  displayAddress: string;
  quotaMb: number | null;
  services: MailboxServices;
  usedBytes: number | null;
  lastLogin: Date | null;
};
export type MailList = { items: MailListItem[]; nextCursor: string | null };

type Node = ReactNode | Promise<ReactNode>;

/**
 * A panel version's look: navigation frame and page components. Routes render whatever skin the
 * package's panel names; all of them call the same services. A new Plesk version is a new folder
 * implementing this type plus one entry in skins.ts.
 */
export type PanelSkin = {
  Frame: (p: { sub: PanelSubscription; customer: string; children: ReactNode }) => Node;
  Page: (p: { sub: PanelSubscription; title: string; crumbs: Crumb[]; children: ReactNode }) => Node;
  StartView: (p: { sub: PanelSubscription }) => Node;
  MailListView: (p: { sub: PanelSubscription; list: MailList; notice?: string }) => Node;
  AddressView: (p: { sub: PanelSubscription; mailbox: PanelMailbox; active?: AddressTool; children: ReactNode }) => Node;
};
