import { z } from "zod";
import { getPackageOrThrow } from "@/lib/services/packages/get-package";
import { listPackagesForReseller } from "@/lib/services/packages/list-packages-for-reseller";
import { createPackage, deletePackage, updatePackage } from "@/lib/services/packages/save-package";
import { createPackageSchema } from "@/lib/validation/package";
import { defineRoute } from "../define-route";
import { idParams, patched } from "./common";

const packageSchema = z.object({
  id: z.int(),
  name: z.string(),
  panel: z.string(),
  maxDomains: z.int().nullable(),
  maxMailboxes: z.int().nullable(),
  mailboxQuotaMb: z.int().nullable(),
});
const packageDetailSchema = packageSchema.extend({
  maxForwards: z.int().nullable(),
  maxAliases: z.int().nullable(),
  spamFilterEnabled: z.boolean(),
  forwardingEnabled: z.boolean(),
});
/** The panel's Tarif form as JSON: limits are whole numbers or null (unlimited). */
const updatePackageBody = createPackageSchema.partial().refine((b) => Object.keys(b).length > 0, "validation.required");

export const packageRoutes = [
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
    summary: "One package with its limits (ETag for If-Match)",
    resource: "packages",
    access: "read",
    params: idParams,
    response: packageDetailSchema,
    handle: async ({ actor, params }) => {
      const body = await getPackageOrThrow(actor, params.id);
      return { body, etagOf: body };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/packages",
    operationId: "createPackage",
    summary: "Create a package (Tarif); null limits are unlimited",
    resource: "packages",
    access: "write",
    body: createPackageSchema,
    response: packageDetailSchema,
    successStatus: 201,
    handle: async ({ actor, body, ip }) => {
      const id = await createPackage(actor, body, ip);
      const created = await getPackageOrThrow(actor, id);
      return { body: created, etagOf: created, location: `/packages/${id}` };
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/packages/{id}",
    operationId: "updatePackage",
    summary: "Change a package; a limit below what a subscription uses is refused with what exceeds",
    resource: "packages",
    access: "write",
    conditional: true,
    params: idParams,
    body: updatePackageBody,
    response: packageDetailSchema,
    handle: async ({ actor, params, body, ip, ifMatch }) => {
      const current = await getPackageOrThrow(actor, params.id);
      ifMatch(current);
      const { id: _id, ...fields } = current;
      await updatePackage(actor, current.id, patched(createPackageSchema, fields, body), ip);
      const after = await getPackageOrThrow(actor, current.id);
      return { body: after, etagOf: after };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/packages/{id}",
    operationId: "deletePackage",
    summary: "Delete a package; refused (409) while a subscription uses it",
    resource: "packages",
    access: "write",
    conditional: true,
    conflicts: "The package is still in use by a subscription",
    params: idParams,
    successStatus: 204,
    handle: async ({ actor, params, ip, ifMatch }) => {
      const current = await getPackageOrThrow(actor, params.id);
      ifMatch(current);
      await deletePackage(actor, current.id, ip);
      return {};
    },
  }),
];
