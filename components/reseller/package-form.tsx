"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { PanelKind } from "@/db/schema/packages";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { buttonClass, CheckboxField, fieldErrorsOf, FormMessage, SelectField, TextField, submitWithoutReset } from "./form-bits";

type PackageValues = {
  id: number; name: string; panel: PanelKind; maxDomains: number | null; maxMailboxes: number | null;
  mailboxQuotaMb: number | null; maxForwards: number | null; spamFilterEnabled: boolean; forwardingEnabled: boolean;
};

type Props = { action: (state: ActionState, formData: FormData) => Promise<ActionState>; pkg?: PackageValues };

// Kept here (not imported from the schema) so the client bundle does not pull in drizzle.
const PANEL_KINDS: PanelKind[] = ["plesk8", "plesk9", "plesk10", "none"];
const LIMITS = ["maxDomains", "maxMailboxes", "mailboxQuotaMb", "maxForwards"] as const;

/** Create or edit a tariff: name, panel version, limits (empty = unlimited) and feature switches. */
export function PackageForm({ action, pkg }: Props) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {pkg && <input type="hidden" name="id" value={pkg.id} />}
      <TextField name="name" label={t("tariffs.name")} errors={errors} defaultValue={pkg?.name} required />
      <SelectField name="panel" label={t("tariffs.panel")} errors={errors} defaultValue={pkg?.panel ?? "plesk10"}
        options={PANEL_KINDS.map((k) => ({ value: k, label: t(`panelKind.${k}`) }))} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">{t("tariffs.limits")}</legend>
        {LIMITS.map((name) => (
          <TextField key={name} name={name} label={t(`tariffs.${name}`)} errors={errors} defaultValue={pkg?.[name]} inputMode="numeric" hint={t("tariffs.emptyUnlimited")} />
        ))}
      </fieldset>
      <div className="space-y-2">
        <CheckboxField name="spamFilterEnabled" label={t("tariffs.spamFilterEnabled")} defaultChecked={pkg?.spamFilterEnabled ?? true} />
        <CheckboxField name="forwardingEnabled" label={t("tariffs.forwardingEnabled")} defaultChecked={pkg?.forwardingEnabled ?? true} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{t("tariffs.save")}</button>
    </form>
  );
}
