import { z } from "zod";
import { createReseller } from "@/lib/services/resellers/create-reseller";
import { getResellerOrThrow } from "@/lib/services/resellers/get-reseller";
import { listResellers } from "@/lib/services/resellers/list-resellers";
import { deleteReseller, updateReseller } from "@/lib/services/resellers/update-reseller";
import { createResellerSchema, updateResellerFields } from "@/lib/validation/reseller";
import { defineRoute } from "../define-route";
import { idParams, patched } from "./common";

const resellerSchema = z.object({ id: z.int(), name: z.string(), customerCount: z.int() });
const resellerDetailSchema = resellerSchema.extend({
  customerNumberBase: z.int(),
  login: z.string().nullable().describe("the reseller's KundenServiceCenter login"),
});
const updateResellerBody = updateResellerFields.partial().refine((b) => Object.keys(b).length > 0, "validation.required");

export const resellerRoutes = [
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
    method: "GET",
    path: "/resellers/{id}",
    operationId: "getReseller",
    summary: "One reseller (ETag for If-Match)",
    resource: "resellers",
    access: "read",
    params: idParams,
    response: resellerDetailSchema,
    handle: async ({ actor, params }) => {
      const body = await getResellerOrThrow(actor, params.id);
      return { body, etagOf: body };
    },
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
      return { body: { id: r.id, login: r.login, password: r.password }, location: `/resellers/${r.id}`, secretFields: ["password"] };
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/resellers/{id}",
    operationId: "updateReseller",
    summary: "Rename a reseller or move its customer number base (existing numbers stay)",
    resource: "resellers",
    access: "write",
    conditional: true,
    params: idParams,
    body: updateResellerBody,
    response: resellerDetailSchema,
    handle: async ({ actor, params, body, ip, ifMatch }) => {
      const current = await getResellerOrThrow(actor, params.id);
      ifMatch(current);
      const fields = { name: current.name, customerNumberBase: current.customerNumberBase };
      await updateReseller(actor, current.id, patched(updateResellerFields, fields, body), ip);
      const after = await getResellerOrThrow(actor, current.id);
      return { body: after, etagOf: after };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/resellers/{id}",
    operationId: "deleteReseller",
    summary: "Delete a reseller with its packages and logins; refused (409) while it has customers",
    resource: "resellers",
    access: "write",
    conditional: true,
    conflicts: "The reseller still has customers",
    params: idParams,
    successStatus: 204,
    handle: async ({ actor, params, ip, ifMatch }) => {
      const current = await getResellerOrThrow(actor, params.id);
      ifMatch(current);
      await deleteReseller(actor, current.id, ip);
      return {};
    },
  }),
];
