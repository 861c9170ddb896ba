/**
 * The form kit's looks. "app" is the KundenServiceCenter and every other Kontor area; "panel" is the
 * version-neutral look of the Plesk skins (the skins frame the form, the fields stay the same).
 */
export type FormSkin = "app" | "panel";

const FOCUS = "focus:outline-none focus:ring-2";
/** A refused field is marked, as the form's message ("Bitte prüfen Sie die markierten Felder") says. */
const INVALID = "aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50";

export const SKINS = {
  app: {
    input: `mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm focus:border-brand-600 ${FOCUS} focus:ring-brand-100 ${INVALID}`,
    submit: "rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60",
    secondary: "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60",
  },
  panel: {
    input: `mt-1 block w-full rounded border border-slate-400 px-2 py-1.5 focus:border-sky-700 ${FOCUS} focus:ring-sky-100 ${INVALID}`,
    submit:
      "rounded border border-slate-500 bg-gradient-to-b from-white to-slate-200 px-5 py-1 text-sm font-semibold hover:to-slate-300 disabled:opacity-60",
    secondary: "rounded border border-slate-400 bg-white px-4 py-1 text-sm hover:bg-slate-100",
  },
} as const satisfies Record<FormSkin, Record<"input" | "submit" | "secondary", string>>;

export const inputClass = SKINS.app.input;
export const buttonClass = SKINS.app.submit;
export const secondaryButtonClass = SKINS.app.secondary;
export const dangerButtonClass =
  "rounded border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60";
export const fieldsetClass = "space-y-3 rounded border border-slate-300 p-4";
export const legendClass = "px-1 text-sm font-semibold text-slate-700";
export const labelClass = "block text-sm font-medium";
export const hintClass = "mt-1 text-xs text-slate-500";
