import { z } from "zod";
import { describe, expect, it } from "vitest";
import { resolveQuota } from "@/lib/services/mailboxes/mailbox-limits";
import {
  createMailboxSchema,
  deleteMailboxesSchema,
  forwardingSchema,
  mailboxSettingsSchema,
  splitTargets,
} from "@/lib/validation/mailbox";

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? {} : (z.flattenError(r.error).fieldErrors as Record<string, string[]>);
};
const pw = { newPassword: "Kornblume-Acker-Zweig-93", confirmPassword: "Kornblume-Acker-Zweig-93" };

describe("mailbox form schemas", () => {
  it.each([
    ["info", true],
    ["max.mustermann", true],
    ["a_b-c", true],
    // "+" is the sub-address delimiter (lib/validation/local-part.ts).
    ["a_b+c-d", false],
    ["Info", true],
    [".info", false],
    ["info.", false],
    ["in..fo", false],
    ["in fo", false],
    ["ünïcode", false],
    ["a".repeat(65), false],
    ["", false],
  ])("local part %j valid: %s", (localPart, ok) => {
    const r = createMailboxSchema.safeParse({ subscriptionId: "1", domainId: "2", localPart, quotaMb: "", ...pw });
    expect(r.success).toBe(ok);
    if (ok && r.success) expect(r.data.localPart).toBe(localPart.toLowerCase());
  });

  it("coerces ids, turns an empty quota into null and refuses junk ids and quotas", () => {
    const ok = mailboxSettingsSchema.parse({ subscriptionId: "3", mailboxId: "9", quotaMb: " ", newPassword: "", confirmPassword: "" });
    expect(ok).toMatchObject({ subscriptionId: 3, mailboxId: 9, quotaMb: null, enabled: false });
    expect(errorsOf(mailboxSettingsSchema, { subscriptionId: "x", mailboxId: "-1", quotaMb: "12MB" })).toMatchObject({
      subscriptionId: ["validation.invalid"],
      mailboxId: ["validation.invalid"],
      quotaMb: ["panel.errors.quotaInvalid"],
    });
    expect(mailboxSettingsSchema.safeParse({ subscriptionId: "1", mailboxId: "1", quotaMb: "", extra: "x" }).success).toBe(false);
  });

  it("reports a password mismatch on the confirmation field, also when the password is optional", () => {
    expect(
      errorsOf(mailboxSettingsSchema, { subscriptionId: "1", mailboxId: "1", quotaMb: "", newPassword: "abc", confirmPassword: "abd" }),
    ).toEqual({ newPassword: ["password.errors.tooShort"], confirmPassword: ["password.errors.mismatch"] });
    expect(
      errorsOf(createMailboxSchema, {
        subscriptionId: "1",
        domainId: "1",
        localPart: "x",
        quotaMb: "",
        newPassword: "",
        confirmPassword: "",
      }),
    ).toMatchObject({ newPassword: ["validation.required"] });
  });

  it("needs the explicit confirmation to delete and accepts one or many ids", () => {
    expect(deleteMailboxesSchema.parse({ subscriptionId: "1", mailboxIds: "5", confirmed: "yes" }).mailboxIds).toEqual([5]);
    expect(deleteMailboxesSchema.parse({ subscriptionId: "1", mailboxIds: ["5", "6", "5"], confirmed: "yes" }).mailboxIds).toEqual([5, 6]);
    expect(errorsOf(deleteMailboxesSchema, { subscriptionId: "1", mailboxIds: "5" })).toEqual({
      confirmed: ["panel.errors.confirmRequired"],
    });
  });

  it("splits forwarding targets by line, comma or semicolon", () => {
    expect(splitTargets(" a@x.example\n\nb@y.example, c@z.example;")).toEqual(["a@x.example", "b@y.example", "c@z.example"]);
    expect(forwardingSchema.parse({ subscriptionId: "1", mailboxId: "2", keepCopy: "on" })).toMatchObject({ targets: "", keepCopy: true });
  });
});

describe("resolveQuota", () => {
  it("uses the package maximum for an empty field and keeps explicit values within it", () => {
    expect(resolveQuota(null, 1024)).toEqual({ quotaMb: 1024 });
    expect(resolveQuota(null, null)).toEqual({ quotaMb: null });
    expect(resolveQuota(1024, 1024)).toEqual({ quotaMb: 1024 });
    // The refusal names the package's limit ("höchstens 1024 MB"), not only that there is one.
    expect(resolveQuota(1025, 1024)).toEqual({ error: { key: "panel.errors.quotaTooLarge", values: { max: 1024 } } });
    expect(resolveQuota(0, null)).toEqual({ error: "panel.errors.quotaInvalid" });
    expect(resolveQuota(999999, null)).toEqual({ quotaMb: 999999 });
  });
});
