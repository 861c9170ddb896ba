import { type FieldMessages, type MessageRef, messageRef } from "@/lib/i18n/message-ref";
import type { ActionState } from "@/lib/actions/action-state";
import { ValidationError } from "@/lib/errors";

export type LimitName = "maxDomains" | "maxMailboxes" | "mailboxQuotaMb" | "maxForwards";

/** One limit that a change would break: how much is in use, the limit, and where (customer · domain). */
export type Exceeded = { limit: LimitName; used: number; max: number; where: string };

/**
 * A create or a lowered limit that the usage does not allow. Carries the numbers so the message can
 * name exactly what exceeds; `field` is the form field the message belongs beside. `others` are the
 * form's other field errors (i18n keys) found in the same check, shown together with the limit.
 */
export class LimitError extends ValidationError {
  constructor(
    readonly exceeded: Exceeded[],
    readonly field: string,
    others?: FieldMessages,
  ) {
    super("orders.limitReached", others);
  }
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** What exceeds as a catalogue message with its numbers, for the form (translated here) and the API. */
export function exceededRef(e: Exceeded): MessageRef {
  return messageRef(`orders.exceeded.${e.limit}`, { used: e.used, max: e.max, where: e.where });
}

export function describeExceeded(t: Translate, e: Exceeded): string {
  const ref = exceededRef(e);
  return t(ref.key, ref.values);
}

/** For action handlers: turns a LimitError into form state with the translated details; rethrows anything else. */
export function limitErrorState(error: unknown, t: Translate): ActionState {
  if (!(error instanceof LimitError)) throw error;
  const lines = error.exceeded.map((e) => describeExceeded(t, e));
  const others = Object.fromEntries(
    Object.entries(error.fieldErrors ?? {}).map(([field, keys]) => [
      field,
      keys.map((k) => (typeof k === "string" ? t(k) : t(k.key, k.values))),
    ]),
  );
  return { status: "error", formError: t("orders.limitReached"), fieldErrors: { ...others, [error.field]: lines } };
}
