"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { buttonClass, fieldErrorsOf, FormMessage, OneTimeSecret, TextField, submitWithoutReset } from "./form-bits";

type CustomerValues = {
  id: number; company: string | null; contactName: string; street: string; postalCode: string; city: string;
  country: string; phone: string; contactEmail: string;
};
type Props = { action: (state: ActionState, formData: FormData) => Promise<ActionState>; customer?: CustomerValues };

const FIELDS = [
  ["company", "organization"], ["contactName", "name"], ["street", "street-address"], ["postalCode", "postal-code"],
  ["city", "address-level2"], ["country", "country"], ["phone", "tel"], ["contactEmail", "email"],
] as const;

/** Stammdaten of a customer. Creating one shows its KundenServiceCenter password once. */
export function CustomerForm({ action, customer }: Props) {
  const t = useTranslations("customersAdmin");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  const created = !customer && state.status === "success" ? state.data : undefined;
  if (created) {
    return (
      <div className="space-y-4">
        <FormMessage state={state} />
        <OneTimeSecret title={t("loginTitle")} login={created.login} secret={created.password} />
        <Link href={`/reseller/customers/${created.id}`} className="inline-block text-brand-700 underline">{t("toCustomer", { number: created.customerNumber })}</Link>
      </div>
    );
  }
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {customer && <input type="hidden" name="id" value={customer.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map(([name, autoComplete]) => (
          <TextField key={name} name={name} label={t(name)} errors={errors} autoComplete={autoComplete}
            defaultValue={customer?.[name] ?? (name === "country" ? "DE" : "")} required={name === "contactName" || name === "contactEmail"}
            type={name === "contactEmail" ? "email" : "text"} hint={name === "contactEmail" && !customer ? t("contactEmailHint") : undefined} />
        ))}
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{customer ? t("save") : t("create")}</button>
    </form>
  );
}
