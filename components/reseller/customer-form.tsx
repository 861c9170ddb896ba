"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";
import { OneTimeSecret } from "@/components/ui/one-time-secret";

type CustomerValues = {
  id: number;
  company: string | null;
  contactName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  phone: string;
  contactEmail: string;
};
type Props = { action: FormAction; customer?: CustomerValues };

const FIELDS = [
  ["company", "organization"],
  ["contactName", "name"],
  ["street", "street-address"],
  ["postalCode", "postal-code"],
  ["city", "address-level2"],
  ["country", "country"],
  ["phone", "tel"],
  ["contactEmail", "email"],
] as const;

/** Stammdaten of a customer. Creating one shows its KundenServiceCenter password once. */
export function CustomerForm({ action, customer }: Props) {
  const t = useTranslations("customersAdmin");
  const form = useForm(action);
  const created = !customer && form.state.status === "success" ? form.state.data : undefined;
  if (created) {
    return (
      <div className="space-y-4">
        <FormMessage state={form.state} />
        <OneTimeSecret title={t("loginTitle")} login={created.login} secret={created.password} />
        <Link href={`/reseller/customers/${created.id}`} className="inline-block text-brand-700 underline">
          {t("toCustomer", { number: created.customerNumber })}
        </Link>
      </div>
    );
  }
  return (
    <Form form={form} className="space-y-4">
      <FormMessage state={form.state} />
      {customer && <input type="hidden" name="id" value={customer.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map(([name, autoComplete]) => (
          <TextField
            key={name}
            name={name}
            label={t(name)}
            errors={form.errors}
            autoComplete={autoComplete}
            defaultValue={customer?.[name] ?? (name === "country" ? "DE" : "")}
            required={name === "contactName" || name === "contactEmail"}
            type={name === "contactEmail" ? "email" : "text"}
            hint={name === "contactEmail" && !customer ? t("contactEmailHint") : undefined}
          />
        ))}
      </div>
      <SubmitButton pending={form.pending}>{customer ? t("save") : t("create")}</SubmitButton>
    </Form>
  );
}
