"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { refreshOwnSession } from "@/lib/auth/refresh-session";
import { changeOwnMailboxPassword } from "@/lib/services/mailbox-settings/change-own-password";
import { addOwnForward, removeOwnForward, setOwnKeepCopy } from "@/lib/services/mailbox-settings/forwards";
import { addOwnSenderRule, removeOwnSenderRule } from "@/lib/services/mailbox-settings/sender-rules";
import { setOwnSpamSettings } from "@/lib/services/mailbox-settings/spam";
import { setOwnAutoresponder } from "@/lib/services/autoresponder/autoresponder";
import { ownAutoresponderSchema } from "@/lib/validation/autoresponder";
import { sendAfterResponse } from "@/lib/services/recovery/deliver";
import { currentLocale } from "@/lib/services/recovery/locale";
import {
  addForwardSchema,
  addSenderRuleSchema,
  changeOwnPasswordSchema,
  keepCopySchema,
  removeByIdSchema,
  spamSettingsSchema,
} from "@/lib/validation/mailbox-settings";

export const changeMailboxPasswordAction = defineAction({
  permission: "mailbox.self",
  schema: changeOwnPasswordSchema,
  handler: async ({ actor, input, ip }) => {
    const { mailboxId, notice } = await changeOwnMailboxPassword(actor, input, ip, {
      via: "mailbox-settings",
      locale: await currentLocale(),
    });
    await refreshOwnSession("mailbox", mailboxId);
    sendAfterResponse(notice);
    redirect("/mailbox/setup?changed=1");
  },
});

export const addForwardAction = defineAction({
  permission: "mailbox.self",
  schema: addForwardSchema,
  handler: async ({ actor, input, ip, t }) => {
    await addOwnForward(actor, input, ip);
    revalidatePath("/mailbox/forwards");
    return { status: "success", message: t("mailboxSettings.forwards.added") };
  },
});

export const removeForwardAction = defineAction({
  permission: "mailbox.self",
  schema: removeByIdSchema,
  handler: async ({ actor, input, ip, t }) => {
    await removeOwnForward(actor, input, ip);
    revalidatePath("/mailbox/forwards");
    return { status: "success", message: t("mailboxSettings.forwards.removed") };
  },
});

export const setKeepCopyAction = defineAction({
  permission: "mailbox.self",
  schema: keepCopySchema,
  handler: async ({ actor, input, ip }) => {
    await setOwnKeepCopy(actor, input, ip);
    revalidatePath("/mailbox/forwards");
  },
});

export const addSenderRuleAction = defineAction({
  permission: "mailbox.self",
  schema: addSenderRuleSchema,
  handler: async ({ actor, input, ip, t }) => {
    await addOwnSenderRule(actor, input, ip);
    revalidatePath("/mailbox/sender-lists");
    return { status: "success", message: t("mailboxSettings.senders.added") };
  },
});

export const removeSenderRuleAction = defineAction({
  permission: "mailbox.self",
  schema: removeByIdSchema,
  handler: async ({ actor, input, ip, t }) => {
    await removeOwnSenderRule(actor, input, ip);
    revalidatePath("/mailbox/sender-lists");
    return { status: "success", message: t("mailboxSettings.senders.removed") };
  },
});

export const setSpamSettingsAction = defineAction({
  permission: "mailbox.self",
  schema: spamSettingsSchema,
  handler: async ({ actor, input, ip }) => {
    await setOwnSpamSettings(actor, input, ip);
    revalidatePath("/mailbox/spam");
  },
});

export const setAutoresponderAction = defineAction({
  permission: "mailbox.self",
  schema: ownAutoresponderSchema,
  handler: async ({ actor, input, ip, t }) => {
    await setOwnAutoresponder(actor, input, ip);
    revalidatePath("/mailbox/autoresponder");
    return { status: "success", message: t("autoresponder.saved") };
  },
});
