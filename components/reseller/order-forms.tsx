"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { SelectField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { secondaryButtonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";
import { OneTimeSecret } from "@/components/ui/one-time-secret";

type Option = { value: string; label: string };

/** "Tarif bestellen": a package with its first domain. A first package without panel reveals the .001 password once. */
export function OrderPackageForm({ action, customerId, packages }: { action: FormAction; customerId: number; packages: Option[] }) {
  const t = useTranslations("orders");
  const form = useForm(action);
  const account = form.state.status === "success" ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      {account && <OneTimeSecret title={t("adminAccountTitle")} login={account.login} secret={account.password} />}
      <Form form={form} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <input type="hidden" name="customerId" value={customerId} />
        <SelectField name="packageId" label={t("package")} errors={form.errors} options={packages} />
        <TextField name="domain" label={t("firstDomain")} errors={form.errors} />
        <SubmitButton pending={form.pending}>{t("order")}</SubmitButton>
        <div className="sm:col-span-3">
          <FormMessage state={form.state} generalFields={["form"]} />
        </div>
      </Form>
    </div>
  );
}

export function AddDomainForm({ action, subscriptionId }: { action: FormAction; subscriptionId: number }) {
  const t = useTranslations("orders");
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-2">
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <TextField name="domain" label={t("addDomain")} errors={form.errors} />
        </div>
        <button type="submit" disabled={form.pending} className={secondaryButtonClass}>
          {t("add")}
        </button>
      </div>
      <FormMessage state={form.state} generalFields={[]} />
    </Form>
  );
}

export function MoveDomainForm({ action, domainId, targets }: { action: FormAction; domainId: number; targets: Option[] }) {
  const t = useTranslations("orders");
  const form = useForm(action);
  if (!targets.length) return null;
  return (
    <Form form={form} className="space-y-1">
      <input type="hidden" name="domainId" value={domainId} />
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <SelectField name="targetSubscriptionId" label={t("moveTo")} errors={form.errors} options={targets} />
        </div>
        <button type="submit" disabled={form.pending} className={secondaryButtonClass}>
          {t("move")}
        </button>
      </div>
      <FormMessage state={form.state} generalFields={[]} />
    </Form>
  );
}
