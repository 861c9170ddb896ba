"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { buttonClass, secondaryButtonClass } from "./styles";

/**
 * "Wirklich …?" with "Abbrechen" and "OK" in the user's language (the browser's window.confirm
 * speaks the browser's language and cannot be styled). Focus starts on "Abbrechen", so a stray Enter
 * deletes nothing; Escape cancels too.
 */
export function ConfirmDialog({ message, onConfirm, onCancel }: { message: string; onConfirm: () => void; onCancel: () => void }) {
  const t = useTranslations("common");
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onCancel();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onCancel]);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-describedby={`${id}-message`}
        aria-label={t("confirmTitle")}
        className="max-w-md rounded-lg bg-white p-5 text-left shadow-lg"
      >
        <p id={`${id}-message`} className="text-sm text-slate-900">
          {message}
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button ref={cancel} type="button" className={secondaryButtonClass} onClick={onCancel}>
            {t("cancel")}
          </button>
          <button type="button" className={buttonClass} onClick={onConfirm}>
            {t("ok")}
          </button>
        </div>
      </div>
    </div>
  );
}
