"use client";

import { useTranslations } from "next-intl";
import type { PanelKind } from "@/db/schema/packages";
import { SubmitButton } from "@/components/form/buttons";
import { CheckboxField, SelectField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

type PackageValues = {
  id: number;
  name: string;
  panel: PanelKind;
  maxDomains: number | null;
  maxMailboxes: number | null;
  mailboxQuotaMb: number | null;
  maxForwards: number | null;
  maxAliases: number | null;
  spamFilterEnabled: boolean;
  forwardingEnabled: boolean;
};

type Props = { action: FormAction; pkg?: PackageValues };

// Kept here (not imported from the schema) so the client bundle does not pull in drizzle.
const PANEL_KINDS: PanelKind[] = ["plesk8", "plesk9", "plesk10", "none"];
const LIMITS = ["maxDomains", "maxMailboxes", "mailboxQuotaMb", "maxForwards", "maxAliases"] as const;

/** Create or edit a tariff: name, panel version, limits (empty = unlimited) and feature switches. */
export function PackageForm({ action, pkg }: Props) {
  const t = useTranslations();
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-4">
      <FormMessage state={form.state} />
      {pkg && <input type="hidden" name="id" value={pkg.id} />}
      <TextField name="name" label={t("tariffs.name")} errors={form.errors} defaultValue={pkg?.name} required />
      <SelectField
        name="panel"
        label={t("tariffs.panel")}
        errors={form.errors}
        defaultValue={pkg?.panel ?? "plesk10"}
        options={PANEL_KINDS.map((k) => ({ value: k, label: t(`panelKind.${k}`) }))}
      />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">{t("tariffs.limits")}</legend>
        {LIMITS.map((name) => (
          <TextField
            key={name}
            name={name}
            label={t(`tariffs.${name}`)}
            errors={form.errors}
            defaultValue={pkg?.[name]}
            inputMode="numeric"
            hint={t("tariffs.emptyUnlimited")}
          />
        ))}
      </fieldset>
      <div className="space-y-2">
        <CheckboxField
          name="spamFilterEnabled"
          label={t("tariffs.spamFilterEnabled")}
          defaultChecked={pkg?.spamFilterEnabled ?? true}
          errors={form.errors}
        />
        <CheckboxField
          name="forwardingEnabled"
          label={t("tariffs.forwardingEnabled")}
          defaultChecked={pkg?.forwardingEnabled ?? true}
          errors={form.errors}
        />
      </div>
      <SubmitButton pending={form.pending}>{t("tariffs.save")}</SubmitButton>
    </Form>
  );
}
