import { z } from "zod";
import { TICKET_CATEGORIES, TICKET_STATUSES } from "@/db/schema/tickets";

/** Messages are i18n keys; the action wrapper translates them. */
const id = z.coerce.number("validation.invalid").int("validation.invalid").positive("validation.invalid");
const body = z.string().trim().min(1, "validation.required").max(10_000, "validation.tooLong");

export const createTicketSchema = z.strictObject({
  category: z.enum(TICKET_CATEGORIES, "tickets.categoryRequired"),
  subject: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  message: body,
});
export type CreateTicketInput = z.output<typeof createTicketSchema>;

export const replyTicketSchema = z.strictObject({ ticketId: id, message: body });

export const ticketIdSchema = z.strictObject({ ticketId: id });

/** Support may move a ticket to these by hand; "answered" follows a reply, "new" only a creation. */
export const setTicketStatusSchema = z.strictObject({ ticketId: id, status: z.enum(["in_progress", "closed"], "validation.invalid") });

/** Query string of the support queue; anything malformed falls back to the defaults. */
export const ticketQueueQuerySchema = z.object({
  status: z.enum(TICKET_STATUSES).optional().catch(undefined),
  category: z.enum(TICKET_CATEGORIES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type TicketQueueQuery = z.output<typeof ticketQueueQuerySchema>;
