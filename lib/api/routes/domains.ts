import { z } from "zod";
import { searchDomainsForCustomer } from "@/lib/services/domains/search-domains-for-customer";
import { defineRoute } from "../define-route";
import { cursorField, encodeCursor, pageOf } from "./common";

const domainSchema = z.object({ id: z.int(), name: z.string(), subscriptionId: z.int(), packageName: z.string(), mailboxCount: z.int() });
export const domainRoutes = [
  defineRoute({
    method: "GET",
    path: "/domains",
    operationId: "listDomains",
    summary: "The customer's domains by name (search by fragment, cursor paging)",
    resource: "domains",
    access: "read",
    query: z.strictObject({ q: z.string().trim().max(253, "validation.tooLong").optional(), cursor: cursorField.optional() }),
    response: pageOf(domainSchema),
    handle: async ({ actor, query }) => {
      const page = await searchDomainsForCustomer(actor, { q: query.q, after: query.cursor, pageSize: 100 });
      return {
        body: {
          items: page.items.map((d) => ({
            id: d.id,
            name: d.name,
            subscriptionId: d.subscriptionId,
            packageName: d.packageName,
            mailboxCount: d.mailboxCount,
          })),
          nextCursor: encodeCursor(page.nextCursor),
        },
      };
    },
  }),
];
