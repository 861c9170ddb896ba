/** Plain, version-neutral form styling; the skins frame the form, the fields stay the same. */
export const inputClass = "mt-1 block w-full rounded border border-slate-400 px-2 py-1.5 focus:border-sky-700 focus:outline-none focus:ring-2 focus:ring-sky-100";
export const okButton = "rounded border border-slate-500 bg-gradient-to-b from-white to-slate-200 px-5 py-1 text-sm font-semibold hover:to-slate-300 disabled:opacity-60";
export const cancelButton = "rounded border border-slate-400 bg-white px-4 py-1 text-sm hover:bg-slate-100";
export const fieldsetClass = "space-y-3 rounded border border-slate-300 p-4";
export const legendClass = "px-1 text-sm font-semibold text-slate-700";
