import type { MessageRef } from "@/lib/i18n/message-ref";

/**
 * formErrorRef: the message by its catalogue key, so the form can show it again in another language
 * after the user switches (the translated formError is what was right at the time of the answer).
 */
export type { MessageRef };

/** Messages per field; a field without an entry has no error (hence Partial: reading one may give undefined). */
export type FieldErrors = Partial<Record<string, string[]>>;

export type ActionState =
  | { status: "idle" }
  | { status: "success"; message: string; data?: Record<string, string> }
  | { status: "error"; formError?: string; formErrorRef?: MessageRef; fieldErrors?: FieldErrors };

export const IDLE: ActionState = { status: "idle" };
