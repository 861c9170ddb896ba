"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { setCatchAll } from "@/lib/services/aliases/catch-all";
import { setMailAccountAutoresponder } from "@/lib/services/autoresponder/mail-account-autoresponder";
import { deleteAlias, saveAlias } from "@/lib/services/aliases/save-alias";
import { refreshOwnSession } from "@/lib/auth/refresh-session";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { mailAccountQuotaAlongside } from "@/lib/services/mail-accounts/quota-alongside";
import {
  changePendingAdminPassword,
  deleteMailAccount,
  setMailAccountPassword,
  setMailAccountQuota,
} from "@/lib/services/mail-accounts/manage-mail-account";
import { routeAddress, unrouteAddress } from "@/lib/services/mail-accounts/route-address";
import { limitErrorState } from "@/lib/services/orders/limit-error";
import {
  createMailAccountSchema,
  deleteMailAccountSchema,
  forcedPasswordChangeSchema,
  routeAddressSchema,
  setMailAccountPasswordSchema,
  setMailAccountQuotaSchema,
  unrouteAddressSchema,
} from "@/lib/validation/mail-account";
import { aliasSchema, deleteAliasSchema, mailAdminCatchAllSchema } from "@/lib/validation/alias";
import { mailAccountAutoresponderSchema } from "@/lib/validation/autoresponder";
import { displayAddress } from "@/lib/validation/names";

export const changePendingPasswordAction = defineAction({
  permission: "mailadmin.manage",
  schema: forcedPasswordChangeSchema,
  handler: async ({ actor, input, ip }) => {
    await changePendingAdminPassword(actor, input.newPassword, ip);
    // The password change ended every session; this browser gets a fresh one.
    await refreshOwnSession("mail_account", actor.id);
    revalidatePath("/mailadmin", "layout");
    // Whatever page showed the forced form, continue at the start page.
    redirect("/mailadmin?passwort=geaendert");
  },
});

export const createMailAccountAction = defineAction({
  permission: "mailadmin.manage",
  schema: createMailAccountSchema,
  alongside: ({ actor, raw }) => mailAccountQuotaAlongside(actor, raw),
  handler: async ({ actor, input, ip, t }) => {
    try {
      const created = await createMailAccount(actor, input, ip);
      revalidatePath("/mailadmin", "layout");
      return { status: "success", message: t("mailAdmin.accountCreated", { login: created.login }) };
    } catch (error) {
      return limitErrorState(error, t);
    }
  },
});

export const routeAddressAction = defineAction({
  permission: "mailadmin.manage",
  schema: routeAddressSchema,
  handler: async ({ actor, input, ip, t }) => {
    await routeAddress(actor, input, ip);
    revalidatePath("/mailadmin", "layout");
    return { status: "success", message: t("mailAdmin.addressRouted") };
  },
});

export const unrouteAddressAction = defineAction({
  permission: "mailadmin.manage",
  schema: unrouteAddressSchema,
  handler: async ({ actor, input, ip, t }) => {
    await unrouteAddress(actor, input.addressId, ip);
    revalidatePath("/mailadmin", "layout");
    return { status: "success", message: t("mailAdmin.addressRemoved") };
  },
});

export const setMailAccountPasswordAction = defineAction({
  permission: "mailadmin.manage",
  schema: setMailAccountPasswordSchema,
  handler: async ({ actor, input, ip, t }) => {
    const { isOwn } = await setMailAccountPassword(actor, input.accountId, input.newPassword, ip, undefined, input.currentPassword);
    if (isOwn) await refreshOwnSession("mail_account", actor.id);
    return { status: "success", message: t("mailAdmin.passwordSet") };
  },
});

export const setMailAccountQuotaAction = defineAction({
  permission: "mailadmin.manage",
  schema: setMailAccountQuotaSchema,
  handler: async ({ actor, input, ip, t }) => {
    try {
      await setMailAccountQuota(actor, input.accountId, input.quotaMb, ip);
    } catch (error) {
      return limitErrorState(error, t);
    }
    revalidatePath("/mailadmin", "layout");
    return { status: "success", message: t("mailAdmin.quotaSet") };
  },
});

export const deleteMailAccountAction = defineAction({
  permission: "mailadmin.manage",
  schema: deleteMailAccountSchema,
  handler: async ({ actor, input, ip }) => {
    await deleteMailAccount(actor, input.accountId, ip);
    revalidatePath("/mailadmin", "layout");
    redirect("/mailadmin");
  },
});

// E-Mail-Aliases on the customer's domains without panel; the services keep them to those domains.
export const saveMailAdminAliasAction = defineAction({
  permission: "mailadmin.manage",
  schema: aliasSchema,
  handler: async ({ actor, input, ip, t }) => {
    const saved = await saveAlias(actor, { ...input, subscriptionId: null }, { ip });
    revalidatePath("/mailadmin", "layout");
    return { status: "success", message: t("aliases.saved", { address: displayAddress(saved?.address ?? "") }) };
  },
});

export const deleteMailAdminAliasAction = defineAction({
  permission: "mailadmin.manage",
  schema: deleteAliasSchema,
  handler: async ({ actor, input, ip, t }) => {
    await deleteAlias(actor, { ...input, subscriptionId: null }, { ip });
    revalidatePath("/mailadmin", "layout");
    return { status: "success", message: t("aliases.removed") };
  },
});

// Catch-all of a domain without panel: refuse, or deliver to one of the customer's mail accounts.
export const setMailAdminCatchAllAction = defineAction({
  permission: "mailadmin.manage",
  schema: mailAdminCatchAllSchema,
  handler: async ({ actor, input, ip, t }) => {
    const domain = await setCatchAll(actor, { ...input, subscriptionId: null, mailboxId: null }, { ip });
    revalidatePath("/mailadmin", "layout");
    return { status: "success", message: t("aliases.catchAllSaved", { domain }) };
  },
});

export const setMailAccountAutoresponderAction = defineAction({
  permission: "mailadmin.manage",
  schema: mailAccountAutoresponderSchema,
  handler: async ({ actor, input, ip, t }) => {
    await setMailAccountAutoresponder(actor, input, ip);
    revalidatePath(`/mailadmin/konten/${input.accountId}`);
    return { status: "success", message: t("autoresponder.saved") };
  },
});
