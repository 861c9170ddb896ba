"use client";

import { useTranslations } from "next-intl";

/** The recovery codes, shown once right after they were made; the server keeps only their hashes. */
export function RecoveryCodesList({ codes }: { codes: string }) {
  const t = useTranslations("mfa");
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-4" aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title" className="font-semibold text-amber-900">
        {t("codesTitle")}
      </h3>
      <p className="mt-1 text-sm text-amber-900">{t("codesHint")}</p>
      <ul className="mt-3 grid grid-cols-2 gap-2 font-mono text-sm" data-testid="recovery-codes">
        {codes.split("\n").map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}
