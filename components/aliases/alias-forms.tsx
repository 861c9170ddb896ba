"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { FieldError } from "@/components/form/field-error";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { inputClass, secondaryButtonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";

type Domain = { id: number; displayName: string };

/**
 * "Alias anlegen": the alias's local part and domain, and its targets one per line. The same form
 * serves the Plesk layouts (per mailbox, with the mailbox as first target) and the E-Mail-Administration.
 */
export function AliasForm({
  action,
  subscriptionId,
  domains,
  defaultDomainId,
  defaultTargets = "",
  maxTargets,
}: {
  action: FormAction;
  subscriptionId?: number;
  domains: Domain[];
  defaultDomainId?: number;
  defaultTargets?: string;
  maxTargets: number;
}) {
  const t = useTranslations("aliases");
  const id = useId();
  const form = useForm(action);
  const { state, pending, errors } = form;
  return (
    <Form form={form} className="space-y-3">
      <FormMessage state={state} />
      {subscriptionId !== undefined && <input type="hidden" name="subscriptionId" value={subscriptionId} />}
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-40 flex-1">
          <label htmlFor={`${id}-local`} className="block text-sm font-medium">
            {t("localPart")}
          </label>
          <input
            id={`${id}-local`}
            name="localPart"
            autoComplete="off"
            className={inputClass}
            aria-invalid={!!errors.localPart}
            aria-describedby={`${id}-local-error`}
          />
        </div>
        <span className="pb-2">@</span>
        <div className="min-w-40 flex-1">
          <label htmlFor={`${id}-domain`} className="block text-sm font-medium">
            {t("domain")}
          </label>
          <select
            id={`${id}-domain`}
            name="domainId"
            defaultValue={defaultDomainId}
            className={inputClass}
            aria-invalid={!!errors.domainId}
            aria-describedby={`${id}-domain-error`}
          >
            {domains.map((d) => (
              <option key={d.id} value={d.id}>
                {d.displayName}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FieldError id={`${id}-local-error`} messages={errors.localPart} />
      <FieldError id={`${id}-domain-error`} messages={errors.domainId} />
      <div>
        <label htmlFor={`${id}-targets`} className="block text-sm font-medium">
          {t("targets")}
        </label>
        <textarea
          id={`${id}-targets`}
          name="targets"
          rows={4}
          defaultValue={defaultTargets}
          className={`${inputClass} font-mono`}
          aria-invalid={!!errors.targets}
          aria-describedby={`${id}-targets-hint ${id}-targets-error`}
        />
        <p id={`${id}-targets-hint`} className="mt-1 text-xs text-slate-500">
          {t("targetsHint", { max: maxTargets })}
        </p>
        <FieldError id={`${id}-targets-error`} messages={errors.targets} />
      </div>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? t("saving") : t("add")}
      </button>
    </Form>
  );
}

/** One small form per alias; the service re-checks that the alias is the caller's. */
export function RemoveAliasButton({
  action,
  aliasId,
  subscriptionId,
  address,
}: {
  action: FormAction;
  aliasId: number;
  subscriptionId?: number;
  address: string;
}) {
  const t = useTranslations("aliases");
  const form = useForm(action);
  const { state, pending } = form;
  return (
    <Form form={form} className="inline">
      <input type="hidden" name="aliasId" value={aliasId} />
      {subscriptionId !== undefined && <input type="hidden" name="subscriptionId" value={subscriptionId} />}
      <button type="submit" disabled={pending} aria-label={t("removeLabel", { address })} className={secondaryButtonClass}>
        {t("remove")}
      </button>
      {state.status === "error" && (
        <span role="alert" className="ml-2 text-sm text-red-700">
          {state.formError}
        </span>
      )}
    </Form>
  );
}

/**
 * Catch-all of one domain: refuse unknown addresses, or deliver them to one choice. The panel offers
 * the domain's mailboxes (`mailboxId`), the E-Mail-Administration the customer's mail accounts (`mailAccountId`).
 */
export function CatchAllForm({
  action,
  subscriptionId,
  domainId,
  domain,
  field,
  choices,
  current,
}: {
  action: FormAction;
  subscriptionId?: number;
  domainId: number;
  domain: string;
  field: "mailboxId" | "mailAccountId";
  choices: { id: number; label: string }[];
  current: number | null;
}) {
  const t = useTranslations("aliases");
  const id = useId();
  const form = useForm(action);
  const { state, pending, errors } = form;
  return (
    <Form form={form} className="space-y-2">
      <FormMessage state={state} />
      {subscriptionId !== undefined && <input type="hidden" name="subscriptionId" value={subscriptionId} />}
      <input type="hidden" name="domainId" value={domainId} />
      <label htmlFor={`${id}-box`} className="block text-sm font-medium">
        {t("catchAllChoice", { domain })}
      </label>
      <div className="flex flex-wrap gap-2">
        <select
          id={`${id}-box`}
          name={field}
          defaultValue={current ?? ""}
          className={`${inputClass} max-w-md`}
          aria-invalid={!!errors[field]}
          aria-describedby={`${id}-box-error`}
        >
          <option value="">{t("catchAllOff")}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {t("catchAllTo", { address: c.label })}
            </option>
          ))}
        </select>
        <button type="submit" disabled={pending} className={secondaryButtonClass}>
          {t("save")}
        </button>
      </div>
      <FieldError id={`${id}-box-error`} messages={errors[field]} />
    </Form>
  );
}
