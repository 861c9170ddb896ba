"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { CheckboxField, RadioGroupField, SelectField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

type Props = { action: FormAction; enabled: boolean; level: number; spamAction: "mark" | "junk" | "delete" };

/** "Spamfilter einstellen": on/off, sensitivity 1–5, and what happens to spam. */
export function SpamForm({ action, enabled, level, spamAction }: Props) {
  const t = useTranslations("mailboxSettings.spam");
  const form = useForm(action);
  return (
    <Form form={form} className="max-w-lg space-y-5">
      <FormMessage state={form.state} />
      <CheckboxField
        name="enabled"
        label={<span className="font-medium">{t("enabled")}</span>}
        defaultChecked={enabled}
        errors={form.errors}
      />
      <SelectField
        name="level"
        id="level"
        label={t("level")}
        errors={form.errors}
        defaultValue={String(level)}
        options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`levels.${n}`) }))}
      />
      <RadioGroupField
        name="action"
        legend={t("action")}
        errors={form.errors}
        defaultValue={spamAction}
        options={(["mark", "junk", "delete"] as const).map((a) => ({ value: a, label: t(`actions.${a}`), hint: t(`actionHints.${a}`) }))}
      />
      <SubmitButton pending={form.pending}>{t("save")}</SubmitButton>
    </Form>
  );
}
