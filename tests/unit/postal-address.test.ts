/**
 * Issue 25: "@@ kaputt ä" was taken as a customer's postal code and city. One rule for both fields
 * (lib/validation/postal-address.ts), used by the reseller's customer forms and API v1 (customer
 * schema) and by the customer's own Stammdaten; real addresses from many countries pass.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createCustomerSchema, updateCustomerSchema } from "@/lib/validation/customer";
import { cityField, postalCodeField } from "@/lib/validation/postal-address";
import { stammdatenSchema } from "@/lib/validation/recovery";

const messageOf = (schema: z.ZodType, value: string) => schema.safeParse(value).error?.issues[0]?.message;

describe("postal code and city", () => {
  it.each(["10115", "1010", "00-950", "SW1A 1AA", "D02 X285", "H3Z 2Y7", "75008", "", " 80331 "])("postal code %j is taken", (v) => {
    expect(messageOf(postalCodeField, v)).toBeUndefined();
  });

  it.each(["@@ kaputt ä", "kaputt", "12", "12345678901", "10115!", "1 2--3", "ä1234", "12  34"])("postal code %j is refused", (v) => {
    expect(messageOf(postalCodeField, v)).toBe("validation.postalCode");
  });

  it.each([
    "München",
    "Frankfurt (Oder)",
    "Frankfurt/Main",
    "Sankt Peter-Ording",
    "L'Aquila",
    "St. Gallen",
    "Ústí nad Labem",
    "Reggio nell’Emilia",
    "Zürich",
    "Å",
    "Y",
    "",
  ])("city %j is taken", (v) => {
    expect(messageOf(cityField, v)).toBeUndefined();
  });

  it.each(["@@ kaputt ä", "Roma 2", "-Berlin", "Köln;", "1", ".", "Berlin\nBcc: a@b.example", "<b>Bonn</b>"])("city %j is refused", (v) => {
    expect(messageOf(cityField, v)).toBe("validation.city");
  });

  it("every form that edits a customer's address uses the rule", () => {
    const base = { company: "", contactName: "Erika", street: "", country: "DE", phone: "", contactEmail: "e@kunde.example" };
    const bad = { ...base, postalCode: "@@ kaputt ä", city: "@@ kaputt ä" };
    const fieldsOf = (r: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
      Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    const refused = { postalCode: "validation.postalCode", city: "validation.city" };
    expect(fieldsOf(createCustomerSchema.safeParse(bad))).toEqual(refused);
    expect(fieldsOf(updateCustomerSchema.safeParse({ id: "3", ...bad }))).toEqual(refused);
    const { country: _country, ...own } = bad;
    expect(fieldsOf(stammdatenSchema.safeParse(own))).toEqual(refused);
    expect(createCustomerSchema.safeParse({ ...base, postalCode: "10115", city: "Berlin" }).success).toBe(true);
  });
});
