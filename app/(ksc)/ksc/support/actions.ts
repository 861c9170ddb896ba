"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createTicket } from "@/lib/services/tickets/create-ticket";
import { replyToTicket } from "@/lib/services/tickets/reply-ticket";
import { revealTicketPassword } from "@/lib/services/tickets/reveal-ticket-password";
import { createTicketSchema, replyTicketSchema, ticketIdSchema } from "@/lib/validation/ticket";

export const createTicketAction = defineAction({
  permission: "customer.self",
  schema: createTicketSchema,
  handler: async ({ actor, input, ip }) => {
    const id = await createTicket(actor, input, ip);
    redirect(`/ksc/support/${id}`);
  },
});

export const customerReplyAction = defineAction({
  permission: "customer.self",
  schema: replyTicketSchema,
  handler: async ({ actor, input, ip, t }) => {
    await replyToTicket(actor, input.ticketId, input.message, ip);
    revalidatePath(`/ksc/support/${input.ticketId}`);
    return { status: "success", message: t("tickets.replySent") };
  },
});

export const revealPasswordAction = defineAction({
  permission: "customer.self",
  schema: ticketIdSchema,
  handler: async ({ actor, input, ip, t }) => {
    // The one response that carries the generated password; the stored copy is wiped before it leaves.
    const password = await revealTicketPassword(actor, input.ticketId, ip);
    return { status: "success", message: t("tickets.passwordShownOnce"), data: { password } };
  },
});
