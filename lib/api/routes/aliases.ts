import { z } from "zod";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { setCatchAll } from "@/lib/services/aliases/catch-all";
import { listAliases, listCatchAlls } from "@/lib/services/aliases/list-aliases";
import { deleteAlias, saveAlias } from "@/lib/services/aliases/save-alias";
import { listDomainMailboxes, locateAlias, locateDomain } from "@/lib/services/mailboxes/mailbox-locator";
import { localPartField } from "@/lib/validation/local-part";
import { MAX_ALIAS_TARGETS } from "@/lib/validation/alias";
import type { Actor } from "@/lib/authz/actor";
import { defineRoute } from "../define-route";
import { idParams, renameFields } from "./common";

const aliasSchema = z.object({ id: z.int(), address: z.string(), targets: z.array(z.string()) });
const domainAliasesSchema = z.object({
  domain: z.string(),
  aliases: z.array(aliasSchema),
  catchAll: z.string().nullable().describe("the mailbox unknown addresses go to; null: refused"),
});
const addressField = z
  .string("validation.required")
  .trim()
  .toLowerCase()
  .max(254, "validation.tooLong")
  .regex(/^[^@\s]+@[^@\s]+$/, "validation.invalid");
const targetsField = z
  .array(z.string().max(254, "validation.tooLong"))
  .min(1, "validation.required")
  .max(MAX_ALIAS_TARGETS, "validation.invalid");

/** The domain's aliases and catch-all, through the panel's alias services. */
async function domainAliases(actor: Actor, domainName: string) {
  const domain = await locateDomain(actor, domainName);
  const aliases = (await listAliases(actor, domain.subscriptionId))
    .filter((a) => a.domainId === domain.id)
    .map((a) => ({ id: a.id, address: a.address, targets: a.targets }));
  const catchAll = (await listCatchAlls(actor, domain.subscriptionId)).find((c) => c.domainId === domain.id);
  const target = catchAll?.mailboxes.find((m) => m.id === catchAll.mailboxId);
  return { domain, body: { domain: domain.name, aliases, catchAll: target?.address ?? null } };
}

/** One alias as the API shows it, found through the caller's scope (another tenant's id: 404). */
async function aliasRepresentation(actor: Actor, id: number) {
  const alias = await locateAlias(actor, id);
  const found = (await listAliases(actor, alias.subscriptionId)).find((a) => a.id === alias.id);
  if (!found) throw new NotFoundError();
  return { alias, body: { id: found.id, address: found.address, targets: found.targets } };
}

const names = { localPart: "address", targets: "targets", mailboxId: "mailbox" };

export const aliasRoutes = [
  defineRoute({
    method: "GET",
    path: "/aliases",
    operationId: "listAliases",
    summary: "A domain's aliases (E-Mail-Aliase) and its catch-all",
    resource: "mailboxes",
    access: "read",
    query: z.strictObject({ domain: z.string("validation.required").trim().min(1, "validation.required").max(253, "validation.tooLong") }),
    response: domainAliasesSchema,
    handle: async ({ actor, query }) => {
      const { body } = await domainAliases(actor, query.domain);
      return { body, etagOf: body };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/aliases",
    operationId: "createAlias",
    summary: "Create an alias delivering to addresses of the same customer and/or outside addresses",
    resource: "mailboxes",
    access: "write",
    body: z.strictObject({ address: addressField, targets: targetsField }),
    response: aliasSchema,
    successStatus: 201,
    handle: async ({ actor, body, ip }) => {
      const at = body.address.lastIndexOf("@");
      const local = localPartField.safeParse(body.address.slice(0, at));
      if (!local.success) throw new ValidationError("errors.checkFields", { address: local.error.issues.map((i) => i.message) });
      const domain = await locateDomain(actor, body.address.slice(at + 1));
      const saved = await renameFields(
        async () =>
          await saveAlias(
            actor,
            {
              subscriptionId: domain.subscriptionId,
              aliasId: null,
              domainId: domain.id,
              localPart: local.data,
              targets: body.targets.join("\n"),
            },
            { ip },
          ),
        names,
      );
      const alias = (await listAliases(actor, domain.subscriptionId)).find((a) => a.id === saved?.id);
      const out = { id: alias?.id ?? 0, address: alias?.address ?? body.address, targets: alias?.targets ?? [] };
      return { body: out, location: `/aliases/${out.id}` };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/aliases/{id}",
    operationId: "getAlias",
    summary: "One alias (ETag for If-Match)",
    resource: "mailboxes",
    access: "read",
    params: idParams,
    response: aliasSchema,
    handle: async ({ actor, params }) => {
      const { body } = await aliasRepresentation(actor, params.id);
      return { body, etagOf: body };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/aliases/{id}",
    operationId: "deleteAlias",
    summary: "Delete an alias",
    resource: "mailboxes",
    access: "write",
    conditional: true,
    params: idParams,
    successStatus: 204,
    handle: async ({ actor, params, ip, ifMatch }) => {
      const { alias, body } = await aliasRepresentation(actor, params.id);
      ifMatch(body);
      await deleteAlias(actor, { subscriptionId: alias.subscriptionId, aliasId: alias.id }, { ip });
      return {};
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/catch-all",
    operationId: "setCatchAll",
    conditional: true,
    summary: "Set a domain's catch-all to one of its mailboxes, or null to refuse unknown addresses",
    resource: "mailboxes",
    access: "write",
    body: z.strictObject({
      domain: z.string("validation.required").trim().min(1, "validation.required").max(253, "validation.tooLong"),
      mailbox: addressField.nullable(),
    }),
    response: domainAliasesSchema,
    handle: async ({ actor, body, ip, ifMatch }) => {
      const current = await domainAliases(actor, body.domain);
      ifMatch(current.body);
      let mailboxId: number | null = null;
      if (body.mailbox !== null) {
        const at = body.mailbox.lastIndexOf("@");
        const local = body.mailbox.slice(0, at);
        const page = await listDomainMailboxes(actor, { domain: body.mailbox.slice(at + 1), prefix: local, limit: 50 });
        const hit = page.items.find((m) => m.address === body.mailbox);
        if (!hit) throw new ValidationError("errors.checkFields", { mailbox: ["aliases.errors.catchAllOtherDomain"] });
        mailboxId = hit.id;
      }
      await renameFields(
        async () =>
          await setCatchAll(actor, { subscriptionId: current.domain.subscriptionId, domainId: current.domain.id, mailboxId }, { ip }),
        names,
      );
      const after = (await domainAliases(actor, body.domain)).body;
      return { body: after, etagOf: after };
    },
  }),
];
