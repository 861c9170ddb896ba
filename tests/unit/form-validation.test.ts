import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { routeAddressSchema, createMailAccountSchema } from "@/lib/validation/mail-account";
import { createMailboxSchema, mailboxSettingsSchema } from "@/lib/validation/mailbox";
import { addSenderRuleSchema, changeOwnPasswordSchema } from "@/lib/validation/mailbox-settings";
import { fieldIssues } from "@/lib/validation/field-issues";

/** What defineAction shows beside the fields for a form post (i18n keys). */
function errorsOf(schema: z.ZodType, input: Record<string, string>) {
  const parsed = schema.safeParse(input);
  expect(parsed.success).toBe(false);
  return fieldIssues((parsed as { error: z.ZodError }).error).fieldErrors;
}

describe("one message per problem (issue 25.10)", () => {
  it("an empty field says only that it is required, not also that its format is wrong", () => {
    expect(errorsOf(routeAddressSchema, { accountId: "1", domainId: "1", localPart: "" }).localPart).toEqual(["validation.required"]);
    expect(
      errorsOf(createMailboxSchema, {
        subscriptionId: "1",
        domainId: "1",
        localPart: "  ",
        quotaMb: "",
        newPassword: "",
        confirmPassword: "",
      }),
    ).toEqual({ localPart: ["validation.required"], newPassword: ["validation.required"], confirmPassword: ["validation.required"] });
    expect(errorsOf(addSenderRuleSchema, { kind: "block", pattern: "" }).pattern).toEqual(["validation.required"]);
  });

  it("a wrong value still names its format problem", () => {
    expect(errorsOf(routeAddressSchema, { accountId: "1", domainId: "1", localPart: "a b" }).localPart).toEqual([
      "panel.errors.localPartInvalid",
    ]);
  });
});

describe("all errors of a form at once (issue 25.9)", () => {
  it("reports a too short password and the mismatch in one answer", () => {
    const errors = errorsOf(changeOwnPasswordSchema, { currentPassword: "x", newPassword: "kurz", confirmPassword: "anders" });
    expect(errors).toEqual({ newPassword: ["password.errors.tooShort"], confirmPassword: ["password.errors.mismatch"] });
    expect(errorsOf(createMailAccountSchema, { quotaMb: "", newPassword: "kurz", confirmPassword: "kurz2" })).toEqual({
      newPassword: ["password.errors.tooShort"],
      confirmPassword: ["password.errors.mismatch"],
    });
  });

  it("reports the mismatch beside a wrong quota and a missing name", () => {
    expect(
      errorsOf(mailboxSettingsSchema, {
        subscriptionId: "1",
        mailboxId: "1",
        quotaMb: "viel",
        newPassword: "Heckenrose-Zaunkoenig-8",
        confirmPassword: "Heckenrose-Zaunkoenig-9",
      }),
    ).toEqual({ quotaMb: ["panel.errors.quotaInvalid"], confirmPassword: ["password.errors.mismatch"] });
    expect(
      errorsOf(createMailboxSchema, {
        subscriptionId: "1",
        domainId: "1",
        localPart: "",
        quotaMb: "",
        newPassword: "kurz",
        confirmPassword: "lang",
      }),
    ).toEqual({
      localPart: ["validation.required"],
      newPassword: ["password.errors.tooShort"],
      confirmPassword: ["password.errors.mismatch"],
    });
  });

  it("leaves an unchanged password alone in the settings form", () => {
    expect(
      mailboxSettingsSchema.safeParse({ subscriptionId: "1", mailboxId: "1", quotaMb: "", newPassword: "", confirmPassword: "" }).success,
    ).toBe(true);
  });
});
