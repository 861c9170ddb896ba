import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { bool, createdAt, id, updatedAt } from "./columns";
import { customers } from "./customers";
import { resellers } from "./resellers";
import { subscriptions } from "./subscriptions";

/** Where an import job is: staging its lines, applying them, undoing them, or finished one way or another. */
export const IMPORT_JOB_STATES = ["staging", "running", "undoing", "done", "cancelled", "failed"] as const;
export type ImportJobState = (typeof IMPORT_JOB_STATES)[number];

/**
 * An import applied in batches (lib/services/import/import-job.ts): each batch is one transaction
 * that writes its lines, their undo records and the new `applied` count together, so a crash leaves
 * the job at a batch boundary and any process may resume it once `lease_until` has passed. Cancel
 * and failure undo the applied batches from the last one back (`undoing`), so nothing stays
 * half-written. `actor_kind`/`actor_id` name who started it, reloaded (with their current rights)
 * for every batch.
 */
export const importJobs = sqliteTable(
  "import_jobs",
  {
    id: id(),
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    actorKind: text("actor_kind").notNull(),
    actorId: integer("actor_id").notNull(),
    source: text("source").notNull(),
    sha256: text("sha256").notNull(),
    ip: text("ip"),
    state: text("state", { enum: IMPORT_JOB_STATES }).notNull(),
    cancelRequested: bool("cancel_requested").notNull().default(false),
    total: integer("total").notNull(),
    applied: integer("applied").notNull().default(0),
    /** i18n key of why it failed (`failed`), or null. */
    error: text("error"),
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("import_jobs_customer_idx").on(t.customerId), index("import_jobs_state_idx").on(t.state)],
);

/**
 * One planned line of a job, in file order (`seq` from 0): the action as the dry run planned it, with
 * a password already hashed (never plaintext), and, once applied, what undoing it needs.
 */
export const importJobSteps = sqliteTable(
  "import_job_steps",
  {
    jobId: integer("job_id")
      .notNull()
      .references(() => importJobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    action: text("action", { mode: "json" }).notNull(),
    undo: text("undo", { mode: "json" }),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);
