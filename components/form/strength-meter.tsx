const COLORS = ["bg-red-600", "bg-orange-500", "bg-yellow-500", "bg-lime-600", "bg-green-700"];

/**
 * Five segments, filled up to the level; the level's name and, for a password the server would
 * refuse, the reasons are read out with the field.
 */
export function StrengthMeter({
  id,
  level,
  label,
  text,
  reasons,
}: {
  id: string;
  level: number | null;
  label: string;
  text: string;
  reasons: string[];
}) {
  return (
    <div id={id} aria-live="polite">
      <div className="mt-2 flex items-center gap-2">
        <div className="flex flex-1 gap-1" aria-hidden="true">
          {COLORS.map((color, i) => (
            <span key={color} className={`h-1.5 flex-1 rounded ${level !== null && i <= level ? color : "bg-slate-200"}`} />
          ))}
        </div>
        <span className="w-28 text-right text-xs text-slate-600" data-testid="strength-level">
          <span className="sr-only">{label}: </span>
          {level !== null ? text : ""}
        </span>
      </div>
      {reasons.length > 0 && (
        <ul className="mt-1 space-y-0.5 text-xs text-orange-800" data-testid="strength-reasons">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
