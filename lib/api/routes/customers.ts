import { z } from "zod";
import type { Actor } from "@/lib/authz/actor";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { deleteCustomer } from "@/lib/services/customers/delete-customer";
import { getCustomerOrThrow } from "@/lib/services/customers/get-customer";
import { listCustomers } from "@/lib/services/customers/list-customers";
import { updateCustomer } from "@/lib/services/customers/update-customer";
import { createCustomerSchema } from "@/lib/validation/customer";
import { defineRoute } from "../define-route";
import { cursorField, encodeCursor, idParams, pageOf, patched } from "./common";

const customerSchema = z.object({
  id: z.int(),
  customerNumber: z.string(),
  company: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  city: z.string(),
});
const customerDetailSchema = customerSchema.extend({
  street: z.string(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string(),
  subscriptions: z.array(z.object({ id: z.int(), packageId: z.int(), packageName: z.string(), domains: z.array(z.string()) })),
});
/** Only the fields sent change; the result is checked like the panel's whole Stammdaten form. */
const updateCustomerBody = createCustomerSchema.partial().refine((b) => Object.keys(b).length > 0, "validation.required");

async function customerDetail(actor: Actor, id: number) {
  const d = await getCustomerOrThrow(actor, id);
  return {
    ...d.customer,
    company: d.customer.company ?? "",
    subscriptions: d.subscriptions.map((s) => ({
      id: s.id,
      packageId: s.packageId,
      packageName: s.packageName,
      domains: s.domains.map((x) => x.name),
    })),
  };
}

export const customerRoutes = [
  defineRoute({
    method: "GET",
    path: "/customers",
    operationId: "listCustomers",
    summary: "The reseller's customers by customer number",
    resource: "customers",
    access: "read",
    query: z.strictObject({ q: z.string().trim().max(100, "validation.tooLong").optional(), cursor: cursorField.optional() }),
    response: pageOf(customerSchema),
    handle: async ({ actor, query }) => {
      const page = await listCustomers(actor, { q: query.q, after: query.cursor });
      return {
        body: {
          items: page.items.map((c) => ({
            id: c.id,
            customerNumber: c.customerNumber,
            company: c.company,
            contactName: c.contactName,
            contactEmail: c.contactEmail,
            city: c.city,
          })),
          nextCursor: encodeCursor(page.nextCursor),
        },
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/customers/{id}",
    operationId: "getCustomer",
    summary: "One customer with its subscriptions (ETag for If-Match)",
    resource: "customers",
    access: "read",
    params: idParams,
    response: customerDetailSchema,
    handle: async ({ actor, params }) => {
      const body = await customerDetail(actor, params.id);
      return { body, etagOf: body };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/customers",
    operationId: "createCustomer",
    summary: "Create a customer (Stammdaten); the customer number is assigned",
    resource: "customers",
    access: "write",
    body: createCustomerSchema,
    response: customerDetailSchema.extend({
      login: z.string(),
      password: z.string().describe("the login's generated password, returned once"),
    }),
    successStatus: 201,
    handle: async ({ actor, body, ip }) => {
      const created = await createCustomer(actor, body, ip);
      const detail = await customerDetail(actor, created.id);
      return {
        body: { ...detail, login: created.login, password: created.password },
        etagOf: detail,
        location: `/customers/${created.id}`,
        secretFields: ["password"],
      };
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/customers/{id}",
    operationId: "updateCustomer",
    summary: "Change Stammdaten fields; the customer number never changes",
    resource: "customers",
    access: "write",
    conditional: true,
    params: idParams,
    body: updateCustomerBody,
    response: customerDetailSchema,
    handle: async ({ actor, params, body, ip, ifMatch }) => {
      const current = await customerDetail(actor, params.id);
      ifMatch(current);
      await updateCustomer(actor, current.id, patched(createCustomerSchema, stammdaten(current), body), ip);
      const after = await customerDetail(actor, current.id);
      return { body: after, etagOf: after };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/customers/{id}",
    operationId: "deleteCustomer",
    summary: "Delete a customer with its login and tickets; refused while it has subscriptions",
    resource: "customers",
    access: "write",
    conditional: true,
    conflicts: "The customer still has subscriptions",
    params: idParams,
    successStatus: 204,
    handle: async ({ actor, params, ip, ifMatch }) => {
      const current = await customerDetail(actor, params.id);
      ifMatch(current);
      await deleteCustomer(actor, current.id, ip);
      return {};
    },
  }),
];

function stammdaten(c: Awaited<ReturnType<typeof customerDetail>>) {
  const { company, contactName, street, postalCode, city, country, phone, contactEmail } = c;
  return { company, contactName, street, postalCode, city, country, phone, contactEmail };
}
