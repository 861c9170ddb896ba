/** PostgreSQL twin of db/schema/import-jobs.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { IMPORT_JOB_STATES } from "../schema/import-jobs";
import { bool, createdAt, id, json, timestampMs, updatedAt } from "./columns";
import { customers } from "./customers";
import { resellers } from "./resellers";
import { subscriptions } from "./subscriptions";

export { IMPORT_JOB_STATES, type ImportJobState } from "../schema/import-jobs";

export const importJobs = pgTable(
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
    error: text("error"),
    leaseUntil: timestampMs("lease_until"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("import_jobs_customer_idx").on(t.customerId), index("import_jobs_state_idx").on(t.state)],
);

export const importJobSteps = pgTable(
  "import_job_steps",
  {
    jobId: integer("job_id")
      .notNull()
      .references(() => importJobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    action: json("action").notNull(),
    undo: json("undo"),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);
