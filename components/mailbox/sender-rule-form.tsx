"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

/** Adds an address or a whole domain to the black list ("block") or the white list ("allow"). */
export function AddSenderRuleForm({ action, kind }: { action: FormAction; kind: "block" | "allow" }) {
  const t = useTranslations("mailboxSettings.senders");
  const form = useForm(action);
  return (
    <Form form={form} className="max-w-md space-y-3">
      <FormMessage state={form.state} />
      <input type="hidden" name="kind" value={kind} />
      <TextField
        key={form.saved}
        name="pattern"
        id={`pattern-${kind}`}
        label={t(kind === "block" ? "blockLabel" : "allowLabel")}
        errors={form.errors}
        placeholder={t("placeholder")}
        hint={t("hint")}
      />
      <SubmitButton pending={form.pending}>{t(kind === "block" ? "addBlock" : "addAllow")}</SubmitButton>
    </Form>
  );
}
