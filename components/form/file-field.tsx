"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { FieldShell, type ShellProps } from "./fields";
import { useSkin } from "./skin";

/**
 * A file upload in the user's language. The browser's own control labels its button and the empty
 * state in the browser's language ("Choose File", "No file chosen" on a German page), so the native
 * input is only visually hidden: it keeps the focus, the keyboard (Space/Enter open the dialog) and
 * the field's label; the visible button opens it and the text beside it names the chosen file.
 */
export function FileField({
  accept,
  onFile,
  ...shell
}: ShellProps & {
  accept?: string;
  /** Called with the chosen file (null when the choice is cleared), e.g. to check its size at once. */
  onFile?: (file: File | null) => void;
}) {
  const t = useTranslations("common");
  const skin = useSkin();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <FieldShell
      {...shell}
      control={({ id, describedBy, invalid }) => (
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <input
            ref={input}
            id={id}
            name={shell.name}
            type="file"
            accept={accept}
            className="peer sr-only"
            aria-invalid={invalid}
            aria-describedby={`${id}-chosen ${describedBy}`}
            onChange={(e) => {
              const file = e.target.files?.[0] ?? null;
              setChosen(file?.name ?? null);
              onFile?.(file);
            }}
          />
          {/* Not a second stop for the keyboard or a second name for the input: the input above is both. */}
          <button
            type="button"
            tabIndex={-1}
            aria-hidden="true"
            onClick={() => input.current?.click()}
            className={`${skin.secondary} peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-aria-[invalid=true]:border-red-600`}
          >
            {t("fileChoose")}
          </button>
          <span id={`${id}-chosen`} className="break-all text-sm text-slate-700">
            {chosen ?? t("fileNone")}
          </span>
        </div>
      )}
    />
  );
}
