"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { PasswordFields } from "@/components/form/password-fields";
import { type FormAction, useForm } from "@/components/form/use-form";

/** The first thing after logging in with a generated `.001` password: choose an own one. */
export function ForcedPasswordChange({ action, login }: { action: FormAction; login: string }) {
  const t = useTranslations("mailAdmin");
  const form = useForm(action);
  return (
    <section className="max-w-xl rounded-lg bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-semibold text-slate-900">{t("forcedTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("forcedIntro", { login })}</p>
      <Form form={form} className="mt-4 space-y-4">
        <FormMessage state={form.state} />
        <PasswordFields key={form.answer} errors={form.errors} names={[login]} />
        <SubmitButton pending={form.pending}>{t("forcedSubmit")}</SubmitButton>
      </Form>
    </section>
  );
}
