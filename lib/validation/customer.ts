import { z } from "zod";
import { idField } from "./package";
import { cityField, postalCodeField } from "./postal-address";

const text = (max: number) => z.string().trim().max(max, "validation.tooLong");
const required = (max: number) => text(max).min(1, "validation.required");

export const customerFields = {
  company: text(200),
  contactName: required(200),
  street: text(200),
  postalCode: postalCodeField,
  city: cityField,
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "customersAdmin.errors.country"),
  phone: text(50).regex(/^[0-9+()/ .-]*$/, "customersAdmin.errors.phone"),
  contactEmail: z.string().trim().toLowerCase().max(254, "validation.tooLong").pipe(z.email("formCheck.email")),
};

export const createCustomerSchema = z.strictObject(customerFields);
export const updateCustomerSchema = z.strictObject({ id: idField, ...customerFields });
export const deleteCustomerSchema = z.strictObject({ id: idField });
export type CustomerInput = z.output<typeof createCustomerSchema>;

/** Query string of the customer list: search text and a keyset cursor (a customer number). */
export const customerSearchSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  after: z
    .string()
    .regex(/^K\d{3,}$/)
    .optional()
    .catch(undefined),
  before: z
    .string()
    .regex(/^K\d{3,}$/)
    .optional()
    .catch(undefined),
});
export type CustomerSearch = z.output<typeof customerSearchSchema>;

const domainField = z.string().trim().min(1, "validation.required").max(253, "validation.tooLong");

/** A package with its first domain for a customer. */
export const orderPackageSchema = z.strictObject({ customerId: idField, packageId: idField, domain: domainField });
export const addDomainSchema = z.strictObject({ subscriptionId: idField, domain: domainField });
/** "Vertrag beenden": the subscription and everything in it (lib/services/subscriptions/end-subscription.ts). */
export const endSubscriptionSchema = z.strictObject({ subscriptionId: idField });
export const moveDomainSchema = z.strictObject({ domainId: idField, targetSubscriptionId: idField });
