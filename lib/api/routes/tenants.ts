import { z } from "zod";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { getCustomerOrThrow } from "@/lib/services/customers/get-customer";
import { listCustomers } from "@/lib/services/customers/list-customers";
import { searchDomainsForCustomer } from "@/lib/services/domains/search-domains-for-customer";
import { getPackageOrThrow } from "@/lib/services/packages/get-package";
import { listPackagesForReseller } from "@/lib/services/packages/list-packages-for-reseller";
import { createReseller } from "@/lib/services/resellers/create-reseller";
import { listResellers } from "@/lib/services/resellers/list-resellers";
import { createCustomerSchema } from "@/lib/validation/customer";
import { createResellerSchema } from "@/lib/validation/reseller";
import { defineRoute } from "../define-route";
import { cursorField, encodeCursor, idParams, pageOf } from "./common";

const domainSchema = z.object({ id: z.int(), name: z.string(), subscriptionId: z.int(), packageName: z.string(), mailboxCount: z.int() });
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
const packageSchema = z.object({
  id: z.int(),
  name: z.string(),
  panel: z.string(),
  maxDomains: z.int().nullable(),
  maxMailboxes: z.int().nullable(),
  mailboxQuotaMb: z.int().nullable(),
});
const resellerSchema = z.object({ id: z.int(), name: z.string(), customerCount: z.int() });

async function customerDetail(actor: Parameters<typeof getCustomerOrThrow>[0], id: number) {
  const d = await getCustomerOrThrow(actor, id);
  return {
    ...d.customer,
    subscriptions: d.subscriptions.map((s) => ({
      id: s.id,
      packageId: s.packageId,
      packageName: s.packageName,
      domains: s.domains.map((x) => x.name),
    })),
  };
}

export const tenantRoutes = [
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
    summary: "One customer with its subscriptions",
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
    method: "GET",
    path: "/packages",
    operationId: "listPackages",
    summary: "The reseller's packages (Tarife)",
    resource: "packages",
    access: "read",
    response: z.object({ items: z.array(packageSchema) }),
    handle: async ({ actor }) => ({ body: { items: await listPackagesForReseller(actor) } }),
  }),
  defineRoute({
    method: "GET",
    path: "/packages/{id}",
    operationId: "getPackage",
    summary: "One package with its limits",
    resource: "packages",
    access: "read",
    params: idParams,
    response: packageSchema.extend({
      maxForwards: z.int().nullable(),
      maxAliases: z.int().nullable(),
      spamFilterEnabled: z.boolean(),
      forwardingEnabled: z.boolean(),
    }),
    handle: async ({ actor, params }) => {
      const body = await getPackageOrThrow(actor, params.id);
      return { body, etagOf: body };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/resellers",
    operationId: "listResellers",
    summary: "All resellers (administration)",
    resource: "resellers",
    access: "read",
    response: z.object({ items: z.array(resellerSchema) }),
    handle: async ({ actor }) => ({ body: { items: await listResellers(actor) } }),
  }),
  defineRoute({
    method: "POST",
    path: "/resellers",
    operationId: "createReseller",
    summary: "Create a reseller with its login; the generated password is returned once",
    resource: "resellers",
    access: "write",
    body: createResellerSchema,
    response: z.object({ id: z.int(), login: z.string(), password: z.string() }),
    successStatus: 201,
    handle: async ({ actor, body, ip }) => {
      const r = await createReseller(actor, body, ip);
      return { body: { id: r.id, login: r.login, password: r.password }, secretFields: ["password"] };
    },
  }),
];
