"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { CurrentPasswordField, SelectField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { PasswordFields } from "@/components/form/password-fields";
import { type FormAction, useForm } from "@/components/form/use-form";

/** The quota hint names the package's actual limit per account, or says there is none. */
function useQuotaHint(maxQuotaMb: number | null) {
  const t = useTranslations("mailAdmin");
  return maxQuotaMb === null ? t("quotaHintUnlimited") : t("quotaHint", { max: maxQuotaMb });
}

/** "Neues Mail-Konto": the next number is assigned by the server; quota and password are chosen here. */
export function CreateAccountForm({
  action,
  nextLogin,
  defaultQuota,
  maxQuotaMb,
}: {
  action: FormAction;
  nextLogin: string;
  defaultQuota: number | null;
  maxQuotaMb: number | null;
}) {
  const t = useTranslations("mailAdmin");
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-4">
      <FormMessage state={form.state} />
      <p className="text-sm text-slate-600">{t("nextAccount", { login: nextLogin })}</p>
      <TextField
        key={form.saved}
        name="quotaMb"
        label={t("quotaMb")}
        errors={form.errors}
        defaultValue={defaultQuota}
        inputMode="numeric"
        hint={useQuotaHint(maxQuotaMb)}
      />
      <PasswordFields key={form.answer} errors={form.errors} names={[nextLogin]} />
      <SubmitButton pending={form.pending}>{t("createAccount")}</SubmitButton>
    </Form>
  );
}

type Option = { value: string; label: string };

export function RouteAddressForm({ action, accounts, domains }: { action: FormAction; accounts: Option[]; domains: Option[] }) {
  const t = useTranslations("mailAdmin");
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-4">
      <FormMessage state={form.state} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField name="localPart" label={t("localPart")} errors={form.errors} />
        <SelectField name="domainId" label={t("domain")} errors={form.errors} options={domains} />
        <SelectField name="accountId" label={t("toAccount")} errors={form.errors} options={accounts} />
      </div>
      <SubmitButton pending={form.pending}>{t("route")}</SubmitButton>
    </Form>
  );
}

/** Setting an account's password; for the administrator's own account the current one is asked too. */
export function AccountPasswordForm({
  action,
  accountId,
  login,
  own,
}: {
  action: FormAction;
  accountId: number;
  login: string;
  own: boolean;
}) {
  const t = useTranslations("mailAdmin");
  const tp = useTranslations("password");
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-4">
      <FormMessage state={form.state} />
      <input type="hidden" name="accountId" value={accountId} />
      {own && (
        <>
          <input type="text" value={login} autoComplete="username" readOnly hidden />
          <CurrentPasswordField
            key={`c${form.answer}`}
            name="currentPassword"
            id="currentPassword"
            label={tp("currentPassword")}
            errors={form.errors}
          />
        </>
      )}
      <PasswordFields key={form.answer} errors={form.errors} names={[login]} />
      <SubmitButton pending={form.pending}>{t("setPassword")}</SubmitButton>
    </Form>
  );
}

export function QuotaForm({
  action,
  accountId,
  quotaMb,
  maxQuotaMb,
}: {
  action: FormAction;
  accountId: number;
  quotaMb: number | null;
  maxQuotaMb: number | null;
}) {
  const t = useTranslations("mailAdmin");
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-4">
      <FormMessage state={form.state} generalFields={["form"]} />
      <input type="hidden" name="accountId" value={accountId} />
      <TextField
        name="quotaMb"
        label={t("quotaMb")}
        errors={form.errors}
        defaultValue={quotaMb}
        inputMode="numeric"
        hint={useQuotaHint(maxQuotaMb)}
      />
      <SubmitButton pending={form.pending}>{t("saveQuota")}</SubmitButton>
    </Form>
  );
}
