"use server";

import { revalidatePath } from "next/cache";
import { setPanelAutoresponder } from "@/lib/services/autoresponder/autoresponder";
import { panelAutoresponderSchema } from "@/lib/validation/autoresponder";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { setCatchAll } from "@/lib/services/aliases/catch-all";
import { deleteAlias, saveAlias } from "@/lib/services/aliases/save-alias";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { quotaErrorsAlongside } from "@/lib/services/mailboxes/quota-alongside";
import { setForwarding } from "@/lib/services/mailboxes/set-forwarding";
import { setSpamFilter } from "@/lib/services/mailboxes/set-spam-filter";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { aliasSchema, catchAllSchema, deleteAliasSchema } from "@/lib/validation/alias";
import {
  createMailboxSchema,
  deleteMailboxesSchema,
  forwardingSchema,
  mailboxSettingsSchema,
  spamFilterSchema,
} from "@/lib/validation/mailbox";
import { displayAddress } from "@/lib/validation/names";

// Thin wrappers: the services check the tenant scope and the package limits, so a crafted call with
// another customer's ids ends in NotFound like the pages do.

export const updateMailboxSettingsAction = defineAction({
  permission: "mailboxes.manage",
  schema: mailboxSettingsSchema,
  alongside: ({ actor, raw }) => quotaErrorsAlongside(actor, raw),
  handler: async ({ actor, input, ip, t }) => {
    const { passwordChanged } = await updateMailboxSettings(actor, input, { ip });
    revalidatePath(`/panel/${input.subscriptionId}`, "layout");
    return {
      status: "success",
      message: t(passwordChanged ? "password.successTitle" : "panel.settingsSaved"),
      data: { passwordChanged: passwordChanged ? "1" : "0" },
    };
  },
});

export const createMailboxAction = defineAction({
  permission: "mailboxes.manage",
  schema: createMailboxSchema,
  alongside: ({ actor, raw }) => quotaErrorsAlongside(actor, raw),
  handler: async ({ actor, input, ip }) => {
    await createMailbox(actor, input, { ip });
    revalidatePath(`/panel/${input.subscriptionId}`, "layout");
    redirect(`/panel/${input.subscriptionId}/mail?notice=created`);
  },
});

export const deleteMailboxesAction = defineAction({
  permission: "mailboxes.manage",
  schema: deleteMailboxesSchema,
  handler: async ({ actor, input, ip }) => {
    await deleteMailboxes(actor, input, { ip });
    revalidatePath(`/panel/${input.subscriptionId}`, "layout");
    redirect(`/panel/${input.subscriptionId}/mail?notice=deleted`);
  },
});

export const setForwardingAction = defineAction({
  permission: "mailboxes.manage",
  schema: forwardingSchema,
  handler: async ({ actor, input, ip, t }) => {
    await setForwarding(actor, input, { ip });
    revalidatePath(`/panel/${input.subscriptionId}`, "layout");
    return { status: "success", message: t("panel.forwardingSaved") };
  },
});

export const setAutoresponderAction = defineAction({
  permission: "mailboxes.manage",
  schema: panelAutoresponderSchema,
  handler: async ({ actor, input, ip, t }) => {
    await setPanelAutoresponder(actor, input, { ip });
    revalidatePath(`/panel/${input.subscriptionId}`, "layout");
    return { status: "success", message: t("autoresponder.saved") };
  },
});

export const setSpamFilterAction = defineAction({
  permission: "mailboxes.manage",
  schema: spamFilterSchema,
  handler: async ({ actor, input, ip, t }) => {
    await setSpamFilter(actor, input, { ip });
    revalidatePath(`/panel/${input.subscriptionId}`, "layout");
    return { status: "success", message: t("panel.spamSaved") };
  },
});

/** The subscription's pages; the alias services refuse a missing subscription before we get here. */
const subscriptionPath = (id: number | null) => (id === null ? "/panel" : `/panel/${String(id)}`);

// E-Mail-Aliases and the catch-all: the services check that the domain belongs to this subscription
// of the caller (else 404), the address is free, the targets are valid and loop-free.
export const saveAliasAction = defineAction({
  permission: "mailboxes.manage",
  schema: aliasSchema,
  handler: async ({ actor, input, ip, t }) => {
    const saved = await saveAlias(actor, input, { ip });
    revalidatePath(subscriptionPath(input.subscriptionId), "layout");
    return { status: "success", message: t("aliases.saved", { address: displayAddress(saved?.address ?? "") }) };
  },
});

export const deleteAliasAction = defineAction({
  permission: "mailboxes.manage",
  schema: deleteAliasSchema,
  handler: async ({ actor, input, ip, t }) => {
    await deleteAlias(actor, input, { ip });
    revalidatePath(subscriptionPath(input.subscriptionId), "layout");
    return { status: "success", message: t("aliases.removed") };
  },
});

export const setCatchAllAction = defineAction({
  permission: "mailboxes.manage",
  schema: catchAllSchema,
  handler: async ({ actor, input, ip, t }) => {
    const domain = await setCatchAll(actor, input, { ip });
    revalidatePath(subscriptionPath(input.subscriptionId), "layout");
    return { status: "success", message: t("aliases.catchAllSaved", { domain }) };
  },
});
