"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SubmitButton } from "@/components/form/buttons";
import { RadioGroupField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";
import { RobotCheck } from "@/components/robot-check/robot-check";
import { LOGIN_AREAS } from "@/lib/auth/login-areas";

const AREA_LABELS = { ksc: "areaKsc", mailadmin: "areaMailadmin", mailbox: "areaMailbox" } as const;

/** "Passwort vergessen?": Loginbereich, account name and the robot check, like the login form. */
export function ForgotForm({ action }: { action: FormAction }) {
  const t = useTranslations("recovery");
  const tl = useTranslations("login");
  const form = useForm(action);
  const [area, setArea] = useState<string>("ksc");
  return (
    <Form form={form} className="space-y-5">
      <FormMessage state={form.state} />
      <RadioGroupField
        name="area"
        id="area"
        legend={tl("area")}
        errors={form.errors}
        value={area}
        onChange={setArea}
        options={LOGIN_AREAS.map((a) => ({ value: a, label: tl(AREA_LABELS[a]) }))}
      />
      <TextField
        name="identifier"
        id="identifier"
        label={t("identifier")}
        errors={form.errors}
        autoComplete="username"
        hint={area === "mailbox" ? t("mailboxNote") : t("identifierHint")}
      />
      <RobotCheck key={form.answer} errors={form.errors.altcha} />
      <SubmitButton pending={form.pending} pendingLabel={t("submitting")} className="w-full">
        {t("submit")}
      </SubmitButton>
      <p className="text-center text-sm">
        <Link href="/login" className="text-brand-700 underline">
          {t("backToLogin")}
        </Link>
      </p>
    </Form>
  );
}
