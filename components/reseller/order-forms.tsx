"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { buttonClass, fieldErrorsOf, FormMessage, OneTimeSecret, secondaryButtonClass, SelectField, TextField, submitWithoutReset } from "./form-bits";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Option = { value: string; label: string };

/** "Tarif bestellen": a package with its first domain. A first package without panel reveals the .001 password once. */
export function OrderPackageForm({ action, customerId, packages }: { action: Action; customerId: number; packages: Option[] }) {
  const t = useTranslations("orders");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  const account = state.status === "success" ? state.data : undefined;
  return (
    <div className="space-y-4">
      {account && <OneTimeSecret title={t("adminAccountTitle")} login={account.login} secret={account.password} />}
      <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate>
        <input type="hidden" name="customerId" value={customerId} />
        <SelectField name="packageId" label={t("package")} errors={errors} options={packages} />
        <TextField name="domain" label={t("firstDomain")} errors={errors} />
        <button type="submit" disabled={pending} className={buttonClass}>{t("order")}</button>
        <div className="sm:col-span-3"><FormMessage state={state} generalFields={["form"]} /></div>
      </form>
    </div>
  );
}

export function AddDomainForm({ action, subscriptionId }: { action: Action; subscriptionId: number }) {
  const t = useTranslations("orders");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-2" noValidate>
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <div className="flex items-end gap-2">
        <div className="flex-1"><TextField name="domain" label={t("addDomain")} errors={errors} /></div>
        <button type="submit" disabled={pending} className={secondaryButtonClass}>{t("add")}</button>
      </div>
      <FormMessage state={state} generalFields={[]} />
    </form>
  );
}

export function MoveDomainForm({ action, domainId, targets }: { action: Action; domainId: number; targets: Option[] }) {
  const t = useTranslations("orders");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  if (!targets.length) return null;
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-1" noValidate>
      <input type="hidden" name="domainId" value={domainId} />
      <div className="flex items-end gap-2">
        <div className="flex-1"><SelectField name="targetSubscriptionId" label={t("moveTo")} errors={errors} options={targets} /></div>
        <button type="submit" disabled={pending} className={secondaryButtonClass}>{t("move")}</button>
      </div>
      <FormMessage state={state} generalFields={[]} />
    </form>
  );
}
