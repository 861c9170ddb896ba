import { z } from "zod";
import { localPartField } from "./local-part";
import { idField } from "./mailbox";

/** More targets than this per alias are refused: an alias is not a mailing list. */
export const MAX_ALIAS_TARGETS = 50;

/** An optional id: empty means "none" (no subscription outside the panel, catch-all off). */
const optionalId = z
  .union([z.literal("").transform(() => null), idField])
  .optional()
  .transform((v) => v ?? null);

/**
 * "E-Mail-Alias" form: the alias address (local part + one of the customer's domains) and its
 * targets, one per line or comma-separated. The panel sends its subscription; the E-Mail-Administration
 * none. `aliasId` is set when an existing alias is changed.
 */
export const aliasSchema = z.strictObject({
  subscriptionId: optionalId,
  aliasId: optionalId,
  domainId: idField,
  localPart: localPartField,
  // 10,000 targets of ~30 characters pass this bound and are refused by the count with a clear message.
  targets: z.string().max(400_000, "validation.tooLong"),
});
export type AliasInput = z.output<typeof aliasSchema>;

export const deleteAliasSchema = z.strictObject({ subscriptionId: optionalId, aliasId: idField });
export type DeleteAliasInput = z.output<typeof deleteAliasSchema>;

/** Catch-all of a domain in the panel: a mailbox of that domain, or empty for "refuse unknown addresses". */
export const catchAllSchema = z.strictObject({ subscriptionId: optionalId, domainId: idField, mailboxId: optionalId });
export type CatchAllInput = z.output<typeof catchAllSchema>;

/** The same in the E-Mail-Administration, whose domains deliver to the customer's mail accounts. */
export const mailAdminCatchAllSchema = z.strictObject({ domainId: idField, mailAccountId: optionalId });
