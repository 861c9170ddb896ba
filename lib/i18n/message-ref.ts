/**
 * A message by its catalogue key with the values it names ("höchstens {max} MB"), so services can say
 * a number without translating: the panel's actions and the API's problems translate it for the
 * caller's language. Client-safe (no server imports).
 */
export type MessageRef = { key: string; values?: Record<string, string | number> };

/** A field error as services raise it: a bare catalogue key, or a key with values. */
export type FieldMessage = string | MessageRef;

/** Field errors as services raise them (ValidationError, ApiProblem). */
export type FieldMessages = Record<string, FieldMessage[]>;

export function messageRef(key: string, values?: Record<string, string | number>): MessageRef {
  return values ? { key, values } : { key };
}

/** The catalogue key of a field error, for codes and comparisons. */
export function messageKey(message: FieldMessage): string {
  return typeof message === "string" ? message : message.key;
}

type Translator = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

/** A field error in the translator's language; a key the catalogue lacks comes back as `fallback(key)`. */
export function translateMessage(t: Translator, message: FieldMessage, fallback: (key: string) => string): string {
  const ref = typeof message === "string" ? { key: message } : message;
  if (!t.has(ref.key)) return fallback(ref.key);
  try {
    return t(ref.key, ref.values);
  } catch {
    return fallback(ref.key);
  }
}
