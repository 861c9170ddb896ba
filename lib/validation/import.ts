import { z } from "zod";
import { idField } from "./mailbox";

/** The upload form: the subscription written into, dry run or apply, and the checked file's digest. */
export const importSchema = z.strictObject({
  subscriptionId: idField,
  intent: z.enum(["check", "apply"], { error: "validation.invalid" }),
  /** SHA-256 of the file the dry run showed; apply refuses another file. */
  checked: z
    .string()
    .regex(/^([0-9a-f]{64})?$/, "validation.invalid")
    .optional(),
});

/** "Abbrechen" of a running import job. */
export const importJobSchema = z.strictObject({ jobId: idField });
