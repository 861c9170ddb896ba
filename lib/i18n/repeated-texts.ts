/**
 * Helpers for lists that would otherwise format the same message on every row. Formatting an ICU
 * message with numbers costs a few microseconds each, and a list page did it ~100 times per view.
 */

/** A per-render memo: `text(key, make)` formats once per distinct key (a subscription, a count). */
export function onceEach(): (key: string, make: () => string) => string {
  const texts = new Map<string, string>();
  return (key, make) => {
    let value = texts.get(key);
    if (value === undefined) texts.set(key, (value = make()));
    return value;
  };
}

/**
 * A message's words before and after one placeholder ("Paket verwalten: {domain}" → "Paket
 * verwalten:" and ""), so a row's element can be named by aria-labelledby from the shared words and
 * its own cell, in the order each language puts them.
 */
export function aroundPlaceholder(message: string, placeholder: string): { before: string; after: string } {
  const at = message.indexOf(placeholder);
  if (at < 0) return { before: message.trim(), after: "" };
  return { before: message.slice(0, at).trim(), after: message.slice(at + placeholder.length).trim() };
}
