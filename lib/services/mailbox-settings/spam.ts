import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { spamSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { ValidationError } from "@/lib/errors";
import { DEFAULT_SIEVE_SETTINGS } from "@/lib/mail/sieve/generate";
import { syncMailboxSieveSafely } from "@/lib/mail/sieve/sync";
import { writeAudit } from "@/lib/services/audit/write-audit";
import type { SpamSettingsInput } from "@/lib/validation/mailbox-settings";
import { auditTarget, loadOwnMailbox } from "./own-mailbox";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

export async function getOwnSpamSettings(actor: Actor, db: Db = getDb()) {
  const mailbox = await loadOwnMailbox(actor, db);
  const row = await firstRow(
    db
      .select({ enabled: spamSettings.enabled, level: spamSettings.level, action: spamSettings.action })
      .from(spamSettings)
      .where(eq(spamSettings.mailboxId, mailbox.id)),
  );
  return { available: mailbox.spamFilterEnabled, ...(row ?? DEFAULT_SIEVE_SETTINGS.spam) };
}

/** "Spamfilter einstellen": on/off, sensitivity 1–5 and what happens to spam, in one row. */
export async function setOwnSpamSettings(actor: Actor, input: SpamSettingsInput, ip: string, db: Db = getDb()) {
  const mailbox = await loadOwnMailbox(actor, db);
  if (!mailbox.spamFilterEnabled) throw new ValidationError("mailboxSettings.errors.spamDisabled");
  const values = { enabled: input.enabled, level: input.level, action: input.action };
  await transaction(
    db,
    async (tx) => {
      await tx
        .insert(spamSettings)
        .values({ mailboxId: mailbox.id, resellerId: mailbox.resellerId, customerId: mailbox.customerId, ...values })
        .onConflictDoUpdate({ target: spamSettings.mailboxId, set: values });
      await writeAudit(tx, actor, { action: "mailbox.spam.self", ...auditTarget(mailbox, ip), details: values });
    },
    { behavior: "immediate" },
  );
  await syncMailboxSieveSafely(db, mailbox.id);
}
