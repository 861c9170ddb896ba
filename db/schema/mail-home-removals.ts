import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/**
 * Dovecot homes (relative to the mail root) of deleted mailboxes and mail accounts whose folders are
 * still to be removed. The deleting transaction writes the row; the files go after the commit
 * (lib/mail/mail-homes.ts), and a removal that could not run then is retried at Dovecot's next start.
 */
export const mailHomeRemovals = sqliteTable("mail_home_removals", {
  home: text("home").primaryKey(),
  createdAt: createdAt(),
});
