import { z } from "zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const text = z.string().trim().max(200).optional().catch(undefined);

/** Query string of the audit viewers; every filter optional, malformed ones ignored. */
export const auditQuerySchema = z.object({
  actor: text,
  target: text,
  action: text,
  from: day,
  to: day,
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
