import { z } from "zod";
import type { Actor } from "@/lib/authz/actor";
import { endSubscription } from "@/lib/services/subscriptions/end-subscription";
import { getSubscriptionContents } from "@/lib/services/subscriptions/subscription-contents";
import { defineRoute } from "../define-route";
import { idParams } from "./common";

/** A subscription with what ending it deletes: the panel's confirmation, as JSON. */
const subscriptionSchema = z.object({
  id: z.int(),
  customerId: z.int(),
  customerNumber: z.string(),
  packageId: z.int(),
  packageName: z.string(),
  domains: z.array(z.string()),
  mailboxes: z.int().describe("mailboxes in its domains, deleted with it"),
  aliases: z.int().describe("aliases in its domains, deleted with it"),
  mailAccounts: z.int().describe("the customer's mail accounts, deleted with its last package without panel"),
});

async function subscription(actor: Actor, id: number) {
  const c = await getSubscriptionContents(actor, id);
  return {
    id: c.id,
    customerId: c.customerId,
    customerNumber: c.customerNumber,
    packageId: c.packageId,
    packageName: c.packageName,
    domains: c.domains.map((d) => d.name),
    mailboxes: c.mailboxes,
    aliases: c.aliases,
    mailAccounts: c.mailAccounts,
  };
}

export const subscriptionRoutes = [
  defineRoute({
    method: "GET",
    path: "/subscriptions/{id}",
    operationId: "getSubscription",
    summary: "One subscription with what ending it would delete (ETag for If-Match)",
    resource: "subscriptions",
    access: "read",
    params: idParams,
    response: subscriptionSchema,
    handle: async ({ actor, params }) => {
      const body = await subscription(actor, params.id);
      return { body, etagOf: body };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/subscriptions/{id}",
    operationId: "endSubscription",
    summary:
      "End a subscription: its domains, mailboxes and aliases (and with the last package without panel the mail accounts) are deleted",
    resource: "subscriptions",
    access: "write",
    conditional: true,
    params: idParams,
    successStatus: 204,
    handle: async ({ actor, params, ip, ifMatch }) => {
      // The ETag covers the counts: a mailbox created since the caller looked makes the delete 412.
      const current = await subscription(actor, params.id);
      ifMatch(current);
      await endSubscription(actor, current.id, ip);
      return {};
    },
  }),
];
