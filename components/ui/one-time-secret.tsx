"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { secondaryButtonClass } from "@/components/form/styles";

/**
 * A password or other secret shown exactly once, right after it was generated, with a copy button.
 * It lives only in this component's state: leaving or reloading the page loses it for good.
 */
export function OneTimeSecret({ title, login, secret }: { title: string; login: string; secret: string }) {
  const t = useTranslations("orders");
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="one-time-secret">
      <p className="font-semibold">{title}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt>{t("login")}</dt>
        <dd className="font-mono">{login}</dd>
        <dt>{t("password")}</dt>
        <dd className="font-mono break-all" data-testid="one-time-password">
          {secret}
        </dd>
      </dl>
      <button
        type="button"
        className={`${secondaryButtonClass} mt-3 bg-white`}
        onClick={() => {
          // navigator.clipboard is missing outside secure contexts (a panel on plain http), whatever lib.dom says.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
          void (navigator.clipboard?.writeText(secret) ?? Promise.resolve()).catch(() => undefined).then(() => setCopied(true));
        }}
      >
        {copied ? t("copied") : t("copy")}
      </button>
      <p className="mt-2 text-amber-900">{t("shownOnce")}</p>
    </div>
  );
}
