/**
 * The one local-part rule (lib/validation/local-part.ts) behind every form that creates an address:
 * "+" is refused with its own message, since Postfix and Dovecot treat it as the sub-address delimiter.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { renderDovecotConfig } from "@/lib/mail/dovecot-config";
import { renderPostfixConfig } from "@/lib/mail/postfix-config";
import { aliasSchema } from "@/lib/validation/alias";
import { fieldIssues } from "@/lib/validation/field-issues";
import { localPartProblem, RECIPIENT_DELIMITER } from "@/lib/validation/local-part";
import { routeAddressSchema } from "@/lib/validation/mail-account";
import { createMailboxSchema } from "@/lib/validation/mailbox";

function localPartErrors(schema: z.ZodType, input: Record<string, string>) {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : (fieldIssues(parsed.error).fieldErrors.localPart ?? []);
}

const mailbox = (localPart: string) =>
  localPartErrors(createMailboxSchema, {
    subscriptionId: "1",
    domainId: "1",
    localPart,
    quotaMb: "",
    newPassword: "Kiefernzapfen-Leuchtturm-47",
    confirmPassword: "Kiefernzapfen-Leuchtturm-47",
  });
const alias = (localPart: string) =>
  localPartErrors(aliasSchema, { subscriptionId: "1", domainId: "1", localPart, targets: "a@b.example" });
const routed = (localPart: string) => localPartErrors(routeAddressSchema, { accountId: "1", domainId: "1", localPart });

describe("local parts of new addresses", () => {
  it("takes plain names in every form", () => {
    for (const form of [mailbox, alias, routed]) {
      expect(form("Info.Team_2-b")).toEqual([]);
    }
  });

  it("refuses + in every form with one message that explains the sub-address", () => {
    for (const form of [mailbox, alias, routed]) {
      expect(form("news+x")).toEqual(["panel.errors.localPartPlus"]);
      expect(form("+")).toEqual(["panel.errors.localPartPlus"]);
    }
  });

  it("refuses = (the catch-all delivery address) and other characters the mail servers do not take", () => {
    for (const form of [mailbox, alias, routed]) {
      for (const bad of ["kontor=catchall", "a b", ".a", "a..b", "a.", "o'brien", "ä"])
        expect(form(bad)).toEqual(["panel.errors.localPartInvalid"]);
    }
    expect(localPartProblem("x".repeat(65))).toBe("validation.tooLong");
    expect(localPartProblem("")).toBe("validation.required");
  });

  it("is the delimiter Postfix and Dovecot are configured with", () => {
    const postfix = renderPostfixConfig({ dbPath: "/tmp/k.db", dir: "/tmp/pf", relayhost: "" }).main;
    const dovecot = renderDovecotConfig({ dbPath: "/tmp/k.db", dir: "/tmp/dc" }).main;
    expect(postfix).toMatch(new RegExp(`^recipient_delimiter = \\${RECIPIENT_DELIMITER}$`, "m"));
    expect(dovecot).toMatch(new RegExp(`^recipient_delimiter = \\${RECIPIENT_DELIMITER}$`, "m"));
    expect(dovecot).toMatch(/^lmtp_save_to_detail_mailbox = no$/m);
    const usernameChars = /^auth_username_chars = (.*)$/m.exec(dovecot)?.[1] ?? "";
    expect(usernameChars).not.toContain(RECIPIENT_DELIMITER);
  });
});
