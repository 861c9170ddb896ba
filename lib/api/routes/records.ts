import { z } from "zod";
import { machineTime } from "@/lib/i18n/format-time";
import { TICKET_CATEGORIES, TICKET_STATUSES } from "@/db/schema/tickets";
import { auditIpVisible, listAudit } from "@/lib/services/audit/list-audit";
import { createTicket } from "@/lib/services/tickets/create-ticket";
import { getTicketOrThrow } from "@/lib/services/tickets/get-ticket";
import { listTickets } from "@/lib/services/tickets/list-tickets";
import { auditQuerySchema } from "@/lib/validation/audit";
import { createTicketSchema } from "@/lib/validation/ticket";
import type { Actor } from "@/lib/authz/actor";
import { defineRoute } from "../define-route";
import { cursorField, encodeCursor, idParams, pageOf } from "./common";

const ticketSchema = z.object({
  id: z.int(),
  category: z.enum(TICKET_CATEGORIES),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
const ticketDetailSchema = ticketSchema.extend({
  messages: z.array(z.object({ id: z.int(), body: z.string(), createdAt: z.iso.datetime(), authorRole: z.string() })),
});
const auditSchema = z.object({
  id: z.int(),
  at: z.iso.datetime(),
  actor: z.string().describe("the login that made the change"),
  apiKey: z.string().nullable().describe("the API key's name when the change came through the API"),
  action: z.string(),
  targetKind: z.string().nullable(),
  target: z.string().nullable(),
  ip: z.string().nullable().describe("null where the caller may not see others' addresses"),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});

async function ticketDetail(actor: Actor, id: number) {
  const v = await getTicketOrThrow(actor, id);
  const t = v.ticket;
  return {
    id: t.id,
    category: t.category,
    subject: t.subject,
    status: t.status,
    createdAt: machineTime(t.createdAt),
    updatedAt: machineTime(t.updatedAt),
    messages: v.messages.map((m) => ({ id: m.id, body: m.body, createdAt: machineTime(m.createdAt), authorRole: m.authorRole })),
  };
}

const beforeCursor = cursorField.pipe(z.coerce.number<string>().int().positive());

export const recordRoutes = [
  defineRoute({
    method: "GET",
    path: "/me",
    operationId: "whoAmI",
    summary: "The key's owner and the key itself (name, scopes, expiry); any valid key",
    resource: null,
    access: "read",
    response: z.object({
      login: z.string(),
      role: z.string(),
      key: z.object({ name: z.string(), scopes: z.array(z.string()), expiresAt: z.iso.datetime().nullable() }),
    }),
    handle: ({ actor, login, key }) => ({
      body: {
        login,
        role: actor.role,
        key: { name: key.name, scopes: key.scopes, expiresAt: key.expiresAt ? machineTime(key.expiresAt) : null },
      },
    }),
  }),
  defineRoute({
    method: "GET",
    path: "/tickets",
    operationId: "listTickets",
    summary: "The customer's support tickets, newest first",
    resource: "tickets",
    access: "read",
    query: z.strictObject({ status: z.enum(TICKET_STATUSES, "validation.invalid").optional(), cursor: beforeCursor.optional() }),
    response: pageOf(ticketSchema),
    handle: async ({ actor, query }) => {
      const page = await listTickets(actor, { status: query.status, before: query.cursor });
      return {
        body: {
          items: page.items.map((t) => ({
            id: t.id,
            category: t.category,
            subject: t.subject,
            status: t.status,
            createdAt: machineTime(t.createdAt),
            updatedAt: machineTime(t.updatedAt),
          })),
          nextCursor: encodeCursor(page.nextBefore),
        },
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/tickets/{id}",
    operationId: "getTicket",
    summary: "One ticket with its conversation",
    resource: "tickets",
    access: "read",
    params: idParams,
    response: ticketDetailSchema,
    handle: async ({ actor, params }) => {
      const body = await ticketDetail(actor, params.id);
      return { body, etagOf: body };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/tickets",
    operationId: "createTicket",
    summary: "Open a support ticket",
    resource: "tickets",
    access: "write",
    body: createTicketSchema,
    response: ticketDetailSchema,
    successStatus: 201,
    handle: async ({ actor, body, ip }) => {
      const id = await createTicket(actor, body, ip);
      const detail = await ticketDetail(actor, id);
      return { body: detail, etagOf: detail, location: `/tickets/${id}` };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/audit",
    operationId: "listAudit",
    summary: "Audit entries within the caller's scope, newest first (prefix filters)",
    resource: "audit",
    access: "read",
    query: z.strictObject({
      actor: z.string().trim().max(200, "validation.tooLong").optional(),
      target: z.string().trim().max(200, "validation.tooLong").optional(),
      action: z.string().trim().max(200, "validation.tooLong").optional(),
      cursor: beforeCursor.optional(),
    }),
    response: pageOf(auditSchema),
    handle: async ({ actor, query }) => {
      const page = await listAudit(
        actor,
        auditQuerySchema.parse({ actor: query.actor, target: query.target, action: query.action, before: query.cursor }),
      );
      return {
        body: {
          items: page.items.map((e) => ({
            id: e.id,
            at: machineTime(e.at),
            actor: e.actorLabel,
            apiKey: e.actorApiKey,
            action: e.action,
            targetKind: e.targetKind,
            target: e.targetLabel,
            ip: auditIpVisible(actor, e) ? e.ip : null,
            details: e.details,
          })),
          nextCursor: encodeCursor(page.nextBefore),
        },
      };
    },
  }),
];
