import { z } from "zod";

/**
 * A customer's postal code and city, the same in every form that edits them (the reseller's customer
 * forms, the customer's own Stammdaten, API v1 customers). Both may stay empty; what is typed must be
 * a plausible address line anywhere in the world, so "@@ kaputt ä" is refused beside the field.
 */

/**
 * Latin letters and digits in groups joined by one space or hyphen, with a digit somewhere
 * ("10115", "1010", "00-950", "SW1A 1AA", "D02 X285", "H3Z 2Y7"); 3 to 10 characters.
 */
const POSTAL_CODE = /^(?=.*\d)[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*$/;

/**
 * Letters of any script with their accents, then letters, spaces, hyphens, apostrophes, dots,
 * and the brackets and slash of German names ("Frankfurt (Oder)", "Frankfurt/Main",
 * "Sankt Peter-Ording", "L'Aquila", "St. Gallen", "Ústí nad Labem"). One letter is a city too
 * (Å in Norway, Y in France).
 */
const CITY = /^\p{L}[\p{L}\p{M} .'’()/-]*$/u;

export const postalCodeField = z
  .string()
  .trim()
  .max(10, "validation.postalCode")
  .refine((v) => v === "" || (v.length >= 3 && POSTAL_CODE.test(v)), "validation.postalCode");

export const cityField = z
  .string()
  .trim()
  .max(100, "validation.tooLong")
  .refine((v) => v === "" || CITY.test(v), "validation.city");
