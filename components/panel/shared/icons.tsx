/** Kontor's own line drawings for the panel skins (no vendor artwork). */
const PATHS = {
  home: "M3 11l9-7 9 7 M5 10v10h14V10 M10 20v-6h4v6",
  mail: "M3 6h18v12H3z M3 6l9 7 9-7",
  server: "M4 4h16v6H4z M4 14h16v6H4z M8 7h.01 M8 17h.01",
  account: "M4 5h16v14H4z M8 10h8 M8 14h5",
  domains: "M12 3a9 9 0 100 18 9 9 0 000-18z M3 12h18 M12 3c3 3 3 15 0 18 M12 3c-3 3-3 15 0 18",
  users: "M9 11a3 3 0 100-6 3 3 0 000 6z M3 20c0-4 3-6 6-6s6 2 6 6 M17 11a2.5 2.5 0 100-5 M16 14c3 0 5 2 5 6",
  settings: "M12 9a3 3 0 100 6 3 3 0 000-6z M12 2v3 M12 19v3 M2 12h3 M19 12h3 M5 5l2 2 M17 17l2 2 M5 19l2-2 M17 7l2-2",
  forwarding: "M4 12h12 M12 7l5 5-5 5",
  spam: "M12 3l8 3v6c0 5-4 8-8 9-4-1-8-4-8-9V6z M9 12l2 2 4-4",
  up: "M12 19V5 M6 11l6-6 6 6",
  add: "M12 5v14 M5 12h14",
  remove: "M6 6l12 12 M18 6L6 18",
  back: "M15 6l-6 6 6 6",
} as const;
export type IconName = keyof typeof PATHS;

export function PanelIcon({ name, size = 24, className = "" }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth="1.8"
      strokeLinecap="round" strokeLinejoin="round" className={className}>
      <path d={PATHS[name]} />
    </svg>
  );
}
