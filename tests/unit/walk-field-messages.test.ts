/**
 * Found walking the mailbox self-service with wrong input (issue 25): two fields answered only
 * "Diese Eingabe ist ungültig.", which does not say what is wrong. The recovery address says it wants
 * an e-mail address, the autoresponder's interval says it wants a whole number from 1 to 30, in every
 * language; and the Italian "required" text uses the formal address like the rest.
 */
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/load-messages";
import { fieldIssues } from "@/lib/validation/field-issues";
import { ownAutoresponderSchema } from "@/lib/validation/autoresponder";
import { mailboxRecoverySchema, stammdatenSchema, supportLinkSchema } from "@/lib/validation/recovery";
import type { z } from "zod";

type Translate = (key: string) => string;
const translator = (locale: "de" | "en" | "it") => createTranslator({ locale, messages: loadMessages(locale) }) as unknown as Translate;

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected a refusal");
  return fieldIssues(parsed.error).fieldErrors;
};

describe("messages that say what is wrong", () => {
  it("a wrong recovery or contact address asks for an e-mail address; empty stays allowed where it was", () => {
    expect(errorsOf(mailboxRecoverySchema, { address: "@@ kaputt ä", currentPassword: "x" }).address).toEqual(["validation.email"]);
    expect(mailboxRecoverySchema.safeParse({ address: "", currentPassword: "x" }).success).toBe(true);
    expect(errorsOf(stammdatenSchema, { contactName: "A", contactEmail: "kein-at" }).contactEmail).toEqual(["validation.email"]);
    const link = { kind: "mailbox", identifier: "a@b.example", recipient: "new", newAddress: "x@", reason: "Kunde hat angerufen" };
    expect(errorsOf(supportLinkSchema, link).newAddress).toEqual(["validation.email"]);
  });

  it("letters as the autoresponder interval get the interval's own message", () => {
    const input = { enabled: "on", subject: "Urlaub", body: "Bin weg", startsOn: "", endsOn: "", intervalDays: "@@ kaputt" };
    expect(errorsOf(ownAutoresponderSchema, input).intervalDays).toEqual(["autoresponder.errors.intervalInvalid"]);
  });

  it.each(["de", "en", "it"] as const)("%s: the texts exist and are not the generic one", (locale) => {
    const t = translator(locale);
    expect(t("validation.email")).not.toBe(t("validation.invalid"));
    expect(t("validation.email")).toMatch(/@/);
    expect(t("autoresponder.errors.intervalInvalid")).toMatch(/30/);
  });

  it("Italian asks formally for a required field", () => {
    const t = translator("it");
    expect(t("validation.required")).toBe("Compili questo campo.");
  });
});
