import { z } from "zod";
import type { Actor } from "@/lib/authz/actor";
import { ValidationError } from "@/lib/errors";
import type { FieldMessages } from "@/lib/i18n/message-ref";
import { generatePassword } from "@/lib/password/generate";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { getPanelMailbox } from "@/lib/services/mailboxes/get-panel-mailbox";
import { quotaErrorsAlongside } from "@/lib/services/mailboxes/quota-alongside";
import { DOMAIN_MAILBOX_PAGE_MAX, listDomainMailboxes, locateDomain, locateMailbox } from "@/lib/services/mailboxes/mailbox-locator";
import { setForwarding } from "@/lib/services/mailboxes/set-forwarding";
import { setSpamFilter } from "@/lib/services/mailboxes/set-spam-filter";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { localPartField } from "@/lib/validation/local-part";
import { newPasswordField } from "@/lib/validation/password";
import { defineRoute } from "../define-route";
import { cursorField, encodeCursor, idParams, limitField, pageOf, renameFields } from "./common";

export const mailboxSchema = z.object({
  id: z.int(),
  address: z.string(),
  domain: z.string(),
  quotaMb: z.int().nullable().describe("null: the package's maximum (or unlimited)"),
  enabled: z.boolean(),
  spamFilter: z.boolean(),
  forwarding: z.object({ targets: z.array(z.string()), keepCopy: z.boolean() }),
});
const listItemSchema = z.object({
  id: z.int(),
  address: z.string(),
  quotaMb: z.int().nullable(),
  enabled: z.boolean(),
  spamFilter: z.boolean(),
});

const quotaField = z.int("validation.invalid").min(1, "panel.errors.quotaInvalid").max(9_999_999, "panel.errors.quotaInvalid").nullable();
/** `null` asks Kontor to generate a password that passes every policy; it is returned once. */
const passwordField = newPasswordField().nullable();

export const createMailboxBody = z.strictObject({
  address: z
    .string("validation.required")
    .trim()
    .toLowerCase()
    .max(254, "validation.tooLong")
    .regex(/^[^@\s]+@[^@\s]+$/, "validation.invalid"),
  quotaMb: quotaField.default(null),
  password: passwordField,
});
export const updateMailboxBody = z
  .strictObject({ quotaMb: quotaField.optional(), enabled: z.boolean("validation.invalid").optional() })
  .refine((b) => b.quotaMb !== undefined || b.enabled !== undefined, "validation.required");
export const setPasswordBody = z.strictObject({ password: passwordField });
export const forwardingBody = z.strictObject({
  targets: z.array(z.string().max(254, "validation.tooLong")).max(50, "panel.errors.tooManyTargets"),
  keepCopy: z.boolean("validation.invalid"),
});
export const spamBody = z.strictObject({ enabled: z.boolean("validation.invalid") });
const listQuery = z.strictObject({
  domain: z.string("validation.required").trim().min(1, "validation.required").max(253, "validation.tooLong"),
  prefix: z.string().trim().max(64, "validation.tooLong").optional(),
  cursor: cursorField.optional(),
  limit: limitField(DOMAIN_MAILBOX_PAGE_MAX, 100),
});

/** The API's view of a mailbox; never the hash. */
export async function mailboxRepresentation(actor: Actor, id: number) {
  const { subscriptionId } = await locateMailbox(actor, id);
  const m = await getPanelMailbox(actor, subscriptionId, id);
  return {
    subscriptionId,
    mailbox: {
      id: m.id,
      address: m.address,
      domain: m.domainName,
      quotaMb: m.quotaMb,
      enabled: m.enabled,
      spamFilter: m.spamFilterOn,
      forwarding: { targets: m.forwardTargets, keepCopy: m.keepCopy },
    } satisfies z.input<typeof mailboxSchema>,
  };
}

/**
 * The package's quota check for a body that the schema or the address check refused, so "at most
 * 2048 MB" comes in the same 422 as those errors (the panel's forms do the same: quota-alongside.ts).
 * A quota the schema refuses itself adds nothing here.
 */
async function quotaAlongside(actor: Actor, subscriptionId: number, raw: unknown): Promise<FieldMessages> {
  const quota = typeof raw === "object" && raw !== null && "quotaMb" in raw ? raw.quotaMb : undefined;
  if (typeof quota !== "number" || !Number.isInteger(quota) || quota < 1 || quota > 9_999_999) return {};
  return await quotaErrorsAlongside(actor, { subscriptionId: String(subscriptionId), quotaMb: String(quota) });
}

/** The domain part of a raw body's address, if it has one. */
function rawDomain(raw: unknown): string | undefined {
  const address = typeof raw === "object" && raw !== null && "address" in raw ? raw.address : undefined;
  return typeof address === "string" && address.includes("@") ? address.slice(address.lastIndexOf("@") + 1).trim() : undefined;
}

const fieldNames = { newPassword: "password", confirmPassword: "password", localPart: "address", targets: "targets" };

type MailboxState = Awaited<ReturnType<typeof mailboxRepresentation>>;

/**
 * Every change of one mailbox: read its state, refuse a stale If-Match against it, run the service with
 * its field errors renamed to the API's names, and answer with the new state and its ETag.
 */
async function changeMailbox(
  ctx: { actor: Actor; params: { id: number }; ifMatch: (current: unknown) => void },
  change: (current: MailboxState) => Promise<unknown>,
) {
  const current = await mailboxRepresentation(ctx.actor, ctx.params.id);
  ctx.ifMatch(current.mailbox);
  await renameFields(async () => await change(current), fieldNames);
  const after = (await mailboxRepresentation(ctx.actor, current.mailbox.id)).mailbox;
  return { body: after, etagOf: after };
}

export const mailboxRoutes = [
  defineRoute({
    method: "GET",
    path: "/mailboxes",
    operationId: "listMailboxes",
    summary: "Mailboxes of a domain by address, with prefix search and cursor paging",
    resource: "mailboxes",
    access: "read",
    query: listQuery,
    response: pageOf(listItemSchema),
    handle: async ({ actor, query }) => {
      const page = await listDomainMailboxes(actor, {
        domain: query.domain,
        prefix: query.prefix,
        after: query.cursor,
        limit: query.limit,
      });
      return { body: { items: page.items, nextCursor: encodeCursor(page.nextAfter) } };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/mailboxes",
    operationId: "createMailbox",
    summary: 'Create a mailbox; "password": null generates one, returned once',
    resource: "mailboxes",
    access: "write",
    body: createMailboxBody,
    response: mailboxSchema.extend({ password: z.string().optional().describe("only when generated") }),
    successStatus: 201,
    alongside: async ({ actor, raw }) => {
      const domain = rawDomain(raw);
      return domain ? await quotaAlongside(actor, (await locateDomain(actor, domain)).subscriptionId, raw) : {};
    },
    handle: async ({ actor, body, ip }) => {
      const at = body.address.lastIndexOf("@");
      const local = localPartField.safeParse(body.address.slice(0, at));
      const domain = await renameFields(async () => await locateDomain(actor, body.address.slice(at + 1)), {});
      if (!local.success) {
        const quota = await quotaAlongside(actor, domain.subscriptionId, body);
        throw new ValidationError("errors.checkFields", { address: local.error.issues.map((i) => i.message), ...quota });
      }
      const password = body.password ?? generatePassword();
      const created = await renameFields(
        () =>
          createMailbox(
            actor,
            {
              subscriptionId: domain.subscriptionId,
              domainId: domain.id,
              localPart: local.data,
              quotaMb: body.quotaMb,
              newPassword: password,
              confirmPassword: password,
            },
            { ip },
          ),
        fieldNames,
      );
      if (!created) throw new ValidationError("errors.checkFields");
      const { mailbox } = await mailboxRepresentation(actor, created.id);
      return {
        body: body.password === null ? { ...mailbox, password } : mailbox,
        etagOf: mailbox,
        location: `/mailboxes/${mailbox.id}`,
        secretFields: ["password"],
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/mailboxes/{id}",
    operationId: "getMailbox",
    summary: "One mailbox (ETag for If-Match)",
    resource: "mailboxes",
    access: "read",
    params: idParams,
    response: mailboxSchema,
    handle: async ({ actor, params }) => {
      const { mailbox } = await mailboxRepresentation(actor, params.id);
      return { body: mailbox, etagOf: mailbox };
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/mailboxes/{id}",
    operationId: "updateMailbox",
    conditional: true,
    summary: "Change quota and/or enabled",
    resource: "mailboxes",
    access: "write",
    params: idParams,
    body: updateMailboxBody,
    response: mailboxSchema,
    alongside: async ({ actor, params, raw }) => await quotaAlongside(actor, (await locateMailbox(actor, params.id)).subscriptionId, raw),
    handle: async (ctx) =>
      await changeMailbox(ctx, async ({ subscriptionId, mailbox }) => {
        const { body } = ctx;
        const quotaMb = body.quotaMb === undefined ? mailbox.quotaMb : body.quotaMb;
        const settings = { enabled: body.enabled ?? mailbox.enabled, quotaMb, newPassword: "", confirmPassword: "" };
        return await updateMailboxSettings(ctx.actor, { subscriptionId, mailboxId: mailbox.id, ...settings }, { ip: ctx.ip });
      }),
  }),
  defineRoute({
    method: "PUT",
    path: "/mailboxes/{id}/password",
    operationId: "setMailboxPassword",
    summary: 'Set the password (the one policy applies); "password": null generates one, returned once',
    resource: "mailboxes",
    access: "write",
    params: idParams,
    body: setPasswordBody,
    response: z.object({ password: z.string().optional().describe("only when generated") }),
    handle: async ({ actor, params, body, ip }) => {
      const { subscriptionId, mailbox } = await mailboxRepresentation(actor, params.id);
      const password = body.password ?? generatePassword();
      await renameFields(
        () =>
          updateMailboxSettings(
            actor,
            {
              subscriptionId,
              mailboxId: mailbox.id,
              enabled: mailbox.enabled,
              quotaMb: mailbox.quotaMb,
              newPassword: password,
              confirmPassword: password,
            },
            { ip },
          ),
        fieldNames,
      );
      return { body: body.password === null ? { password } : {} };
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/mailboxes/{id}/forwarding",
    operationId: "setMailboxForwarding",
    conditional: true,
    summary: "Replace the forwarding targets and the keep-a-copy switch",
    resource: "mailboxes",
    access: "write",
    params: idParams,
    body: forwardingBody,
    response: mailboxSchema,
    handle: async (ctx) =>
      await changeMailbox(ctx, async ({ subscriptionId, mailbox }) => {
        const forwarding = { targets: ctx.body.targets.join("\n"), keepCopy: ctx.body.keepCopy };
        await setForwarding(ctx.actor, { subscriptionId, mailboxId: mailbox.id, ...forwarding }, { ip: ctx.ip });
      }),
  }),
  defineRoute({
    method: "PUT",
    path: "/mailboxes/{id}/spam",
    operationId: "setMailboxSpamFilter",
    conditional: true,
    summary: "Switch the spam filter on or off",
    resource: "mailboxes",
    access: "write",
    params: idParams,
    body: spamBody,
    response: mailboxSchema,
    handle: async (ctx) =>
      await changeMailbox(ctx, async ({ subscriptionId, mailbox }) => {
        await setSpamFilter(ctx.actor, { subscriptionId, mailboxId: mailbox.id, enabled: ctx.body.enabled }, { ip: ctx.ip });
      }),
  }),
  defineRoute({
    method: "DELETE",
    path: "/mailboxes/{id}",
    operationId: "deleteMailbox",
    conditional: true,
    summary: "Delete a mailbox (postmaster@ and abuse@ stay)",
    resource: "mailboxes",
    access: "write",
    params: idParams,
    successStatus: 204,
    handle: async ({ actor, params, ip, ifMatch }) => {
      const { subscriptionId, mailbox } = await mailboxRepresentation(actor, params.id);
      ifMatch(mailbox);
      await deleteMailboxes(actor, { subscriptionId, mailboxIds: [mailbox.id], confirmed: "yes" }, { ip });
      return {};
    },
  }),
];
