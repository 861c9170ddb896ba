import { expect } from "vitest";
import { ValidationError } from "@/lib/errors";
import type { FieldMessages } from "@/lib/i18n/message-ref";

/** Runs fn, expecting a ValidationError; returns its field errors (or the form error under `_form`). */
export async function fieldErrorsOf(fn: () => unknown): Promise<FieldMessages> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).fieldErrors ?? { _form: [(e as Error).message] };
  }
  throw new Error("expected a ValidationError");
}
