/** Kontor's own line drawings (no vendor artwork); the drawings are in app/globals.css (`.icon-<name>`). */
export const ICON_NAMES = [
  "home",
  "mail",
  "server",
  "account",
  "domains",
  "users",
  "settings",
  "forwarding",
  "spam",
  "autoresponder",
  "up",
  "add",
  "remove",
  "back",
] as const;
export type IconName = (typeof ICON_NAMES)[number];

/** Literal classes, so that Tailwind generates them. */
const SIZES = { 14: "size-3.5", 16: "size-4", 18: "size-[18px]", 24: "size-6", 26: "size-[26px]" } as const;

/**
 * One element per icon, coloured like the text around it. Not an inline svg: lists and frames show
 * dozens of these per page, and an svg with its path cost twice the elements and every attribute
 * again in the HTML and in the page's RSC payload.
 */
export function PanelIcon({ name, size = 24, className = "" }: { name: IconName; size?: keyof typeof SIZES; className?: string }) {
  return <span aria-hidden="true" className={`icon icon-${name} ${SIZES[size]} ${className}`} />;
}
