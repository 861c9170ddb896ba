const COLORS = ["bg-red-600", "bg-orange-500", "bg-yellow-500", "bg-lime-600", "bg-green-700"];

/** Five segments, filled up to the level; the level's name is read out with the field. */
export function StrengthMeter({ id, level, label, text }: { id: string; level: number | null; label: string; text: string }) {
  return (
    <div id={id} className="mt-2 flex items-center gap-2" aria-live="polite">
      <div className="flex flex-1 gap-1" aria-hidden="true">
        {COLORS.map((color, i) => (
          <span key={color} className={`h-1.5 flex-1 rounded ${level !== null && i <= level ? color : "bg-slate-200"}`} />
        ))}
      </div>
      <span className="w-28 text-right text-xs text-slate-600">
        <span className="sr-only">{label}: </span>
        {level !== null ? text : ""}
      </span>
    </div>
  );
}
