/** Panel pages link with plain anchors and load whole, as Plesk's did (see nav-link.tsx for why). */
/** URLs inside one subscription's panel; every skin links through these so routes live in one place. */
export const panelLinks = (subscriptionId: number) => {
  const base = `/panel/${subscriptionId}`;
  return {
    start: base,
    mail: `${base}/mail`,
    newMailbox: `${base}/mail/new`,
    deleteMailboxes: `${base}/mail/delete`,
    mailbox: (id: number) => `${base}/mail/${id}`,
    /** mailbox(id) without the id, for lists that build the link per row in the browser. */
    mailboxBase: `${base}/mail/`,
    settings: (id: number) => `${base}/mail/${id}/settings`,
    forwarding: (id: number) => `${base}/mail/${id}/forwarding`,
    spam: (id: number) => `${base}/mail/${id}/spam`,
    autoresponder: (id: number) => `${base}/mail/${id}/autoresponder`,
    aliases: (id: number) => `${base}/mail/${id}/aliases`,
    allAliases: `${base}/mail/aliases`,
    domains: `${base}/domains`,
    users: `${base}/users`,
    account: `${base}/account`,
    server: `${base}/server`,
  };
};
export type PanelLinks = ReturnType<typeof panelLinks>;
