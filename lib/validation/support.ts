import { z } from "zod";

export const MAILBOX_SEARCH_FIELDS = ["address", "domain", "customerNumber", "customerName"] as const;
export type MailboxSearchField = (typeof MAILBOX_SEARCH_FIELDS)[number];

/** Query string of the mailbox search; malformed parts fall back to "no filter". */
export const mailboxSearchQuerySchema = z.object({
  field: z.enum(MAILBOX_SEARCH_FIELDS).catch("address"),
  q: z.string().trim().max(320).catch(""),
  /** Keyset cursor: the last address of the previous page. */
  after: z.string().max(320).optional().catch(undefined),
});
export type MailboxSearchQuery = z.output<typeof mailboxSearchQuerySchema>;

/** Optional ticket number a support user gives when opening a record, for the audit entry. */
export const recordViewQuerySchema = z.object({
  ticket: z.coerce.number().int().positive().optional().catch(undefined),
});
