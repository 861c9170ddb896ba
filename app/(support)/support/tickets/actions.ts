"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { mustEnrol } from "@/lib/auth/mfa/enrolment";
import { ForbiddenError } from "@/lib/errors";
import { generateResetPassword } from "@/lib/services/tickets/generate-reset-password";
import { replyToTicket } from "@/lib/services/tickets/reply-ticket";
import { setTicketStatus } from "@/lib/services/tickets/set-ticket-status";
import { replyTicketSchema, setTicketStatusSchema, ticketIdSchema } from "@/lib/validation/ticket";

/** Pages of the area redirect staff without a required second factor; the POST endpoints refuse them. */
async function requireEnrolled(actor: Parameters<typeof mustEnrol>[0]) {
  if (await mustEnrol(actor)) throw new ForbiddenError();
}

export const supportReplyAction = defineAction({
  permission: "support.tickets",
  schema: replyTicketSchema,
  handler: async ({ actor, input, ip, t }) => {
    await requireEnrolled(actor);
    await replyToTicket(actor, input.ticketId, input.message, ip);
    revalidatePath(`/support/tickets/${input.ticketId}`);
    return { status: "success", message: t("tickets.replySent") };
  },
});

export const setTicketStatusAction = defineAction({
  permission: "support.tickets",
  schema: setTicketStatusSchema,
  handler: async ({ actor, input, ip, t }) => {
    await requireEnrolled(actor);
    await setTicketStatus(actor, input.ticketId, input.status, ip);
    revalidatePath(`/support/tickets/${input.ticketId}`);
    return { status: "success", message: t("tickets.statusChanged") };
  },
});

export const generatePasswordAction = defineAction({
  permission: "support.tickets",
  schema: ticketIdSchema,
  handler: async ({ actor, input, ip, t }) => {
    await requireEnrolled(actor);
    // Support learns only that it happened; the password goes sealed to the customer's ticket.
    await generateResetPassword(actor, input.ticketId, ip);
    revalidatePath(`/support/tickets/${input.ticketId}`);
    return { status: "success", message: t("tickets.generated") };
  },
});
