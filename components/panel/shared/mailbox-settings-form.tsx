"use client";

import { useTranslations } from "next-intl";
import { CancelLink, SubmitButton } from "@/components/form/buttons";
import { CheckboxField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage, SuccessNotice } from "@/components/form/notices";
import { PasswordFields } from "@/components/form/password-fields";
import { fieldsetClass, legendClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";

type Props = {
  action: FormAction;
  subscriptionId: number;
  mailbox: { id: number; address: string; enabled: boolean; quotaMb: number | null };
  packageMaxMb: number | null;
  cancelHref: string;
  serverHref: string;
};

/**
 * "Einstellungen" of an address, the same in every skin: new password twice (meter, Generieren,
 * Anzeigen), mailbox on/off and quota, OK and Abbrechen. After a password change it shows the
 * success message and the reminder that mail programs need the new password for IMAP and SMTP.
 */
export function MailboxSettingsForm({ action, subscriptionId, mailbox, packageMaxMb, cancelHref, serverHref }: Props) {
  const t = useTranslations("panel");
  const tp = useTranslations("password");
  const form = useForm(action);
  const passwordChanged = form.state.status === "success" && form.state.data?.passwordChanged === "1";
  return (
    <Form form={form} skin="panel" className="space-y-4">
      <FormMessage
        state={form.state}
        success={
          passwordChanged ? (
            <SuccessNotice title={tp("successTitle")}>
              <p className="mt-1">{tp("clientsNote")}</p>
              <p className="mt-1">
                <a href={serverHref} className="font-medium underline">
                  {tp("serverAddressesLink")}
                </a>
              </p>
            </SuccessNotice>
          ) : (
            <SuccessNotice title={t("settingsSaved")} />
          )
        }
      />
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="mailboxId" value={mailbox.id} />
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("passwordSection")}</legend>
        <p className="text-xs text-slate-600">{t("passwordKeep")}</p>
        <PasswordFields key={form.answer} errors={form.errors} names={[mailbox.address]} />
      </fieldset>
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("mailboxSection")}</legend>
        <CheckboxField name="enabled" label={t("enabled")} defaultChecked={mailbox.enabled} errors={form.errors} />
        <TextField
          name="quotaMb"
          label={t("quota")}
          errors={form.errors}
          defaultValue={mailbox.quotaMb === null ? "" : String(mailbox.quotaMb)}
          inputMode="numeric"
          inputClassName="max-w-40"
          hint={packageMaxMb === null ? t("quotaHintUnlimited") : t("quotaHint", { max: packageMaxMb })}
        />
      </fieldset>
      <div className="flex gap-2">
        <SubmitButton pending={form.pending} pendingLabel={t("saving")}>
          {t("ok")}
        </SubmitButton>
        <CancelLink href={cancelHref}>{t("cancel")}</CancelLink>
      </div>
    </Form>
  );
}
