"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { SubmitButton } from "@/components/form/buttons";
import { DateField } from "@/components/form/date-field";
import { CheckboxField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { secondaryButtonClass } from "@/components/form/styles";
import { FieldError } from "@/components/form/field-error";
import { type FormAction, useForm } from "@/components/form/use-form";

type Props = { action: FormAction; resources: { name: string; access: ("read" | "write")[] }[] };

/** "Neuer API-Schlüssel": name, scopes per resource (read / write), optional last day; the key is shown once. */
export function ApiKeyForm({ action, resources }: Props) {
  const t = useTranslations("apiKeys");
  const form = useForm(action);
  const created = form.state.status === "success" ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      {created?.token && <NewKey name={created.name} token={created.token} />}
      <Form form={form} className="space-y-4" key={form.saved}>
        <FormMessage state={form.state} />
        <TextField name="name" label={t("name")} errors={form.errors} hint={t("nameHint")} maxLength={80} required />
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">{t("scopes")}</legend>
          <table className="text-sm">
            <thead>
              <tr className="text-left text-slate-600">
                <th className="pr-6 font-normal">{t("resource")}</th>
                <th className="pr-6 font-normal">{t("read")}</th>
                <th className="font-normal">{t("write")}</th>
              </tr>
            </thead>
            <tbody>
              {resources.map((r) => (
                <tr key={r.name}>
                  <td className="pr-6">{t(`resources.${r.name}`)}</td>
                  {(["read", "write"] as const).map((a) => (
                    <td key={a} className="pr-6">
                      {r.access.includes(a) && (
                        <CheckboxField
                          name="scopes"
                          value={`${r.name}:${a}`}
                          label={<span className="sr-only">{`${t(`resources.${r.name}`)}: ${t(a)}`}</span>}
                        />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-xs text-slate-500">{t("scopesHint")}</p>
          <FieldError id="api-key-scopes-error" messages={form.errors.scopes} />
        </fieldset>
        <DateField name="expiresOn" label={t("expiresOn")} errors={form.errors} hint={t("expiresOnHint")} />
        <SubmitButton pending={form.pending}>{t("create")}</SubmitButton>
      </Form>
    </div>
  );
}

function NewKey({ name, token }: { name: string; token: string }) {
  const t = useTranslations("apiKeys");
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="one-time-secret">
      <p className="font-semibold">{t("newKeyTitle", { name })}</p>
      <p className="mt-2 font-mono break-all" data-testid="new-api-key">
        {token}
      </p>
      <button
        type="button"
        className={`${secondaryButtonClass} mt-3 bg-white`}
        onClick={() => {
          // The clipboard is missing on plain-HTTP pages; the key stays readable above then.
          void navigator.clipboard.writeText(token).then(
            () => setCopied(true),
            () => undefined,
          );
        }}
      >
        {copied ? t("copied") : t("copy")}
      </button>
      <p className="mt-2 text-amber-900">{t("shownOnce")}</p>
    </div>
  );
}
