"use client";

import "altcha/altcha.css";
import { useLocale, useTranslations } from "next-intl";
import { createElement, useEffect, useState } from "react";
import { FieldError } from "@/components/form/field-error";

type AltchaGlobal = {
  algorithms: Map<string, () => Worker>;
  i18n: { get: (l: string) => Record<string, string> | undefined; set: (l: string, v: Record<string, string>) => void };
};

const STRING_KEYS = [
  "label",
  "verifying",
  "verified",
  "error",
  "expired",
  "loading",
  "verificationRequired",
  "waitAlert",
  "reload",
  "verify",
] as const;

/**
 * "Ich bin kein Roboter": ALTCHA's self-hosted proof of work. The widget fetches a signed challenge
 * from our API, solves it in a same-origin worker and puts the solution into the hidden field
 * `altcha`, which the server action redeems once. Remount it (change its key) after a failed submit.
 */
export function RobotCheck({ errors }: { errors?: string[] }) {
  const t = useTranslations("robot");
  const locale = useLocale();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let alive = true;
    // A failed load leaves the widget out (ready stays false); the form then reports the missing answer.
    void import("altcha/external").then(() => {
      const altcha = (globalThis as unknown as { $altcha: AltchaGlobal }).$altcha;
      altcha.algorithms.set("SHA-256", () => new Worker("/api/altcha/worker"));
      const strings = Object.fromEntries(STRING_KEYS.map((k) => [k, t(`widget.${k}`)]));
      altcha.i18n.set(locale, { ...(altcha.i18n.get("en") ?? {}), ...strings, footer: "" });
      if (alive) setReady(true);
    });
    return () => {
      alive = false;
    };
  }, [locale, t]);

  return (
    <div>
      <div className="min-h-16" aria-describedby="robot-error">
        {ready ? (
          createElement("altcha-widget", {
            challenge: "/api/altcha/challenge",
            name: "altcha",
            language: locale,
            type: "checkbox",
            configuration: JSON.stringify({ hideFooter: true, hideLogo: true, workers: 2 }),
          })
        ) : (
          <p className="py-4 text-sm text-slate-500">{t("widget.loading")}</p>
        )}
      </div>
      <FieldError id="robot-error" messages={errors} />
    </div>
  );
}
