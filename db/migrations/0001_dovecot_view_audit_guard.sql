-- Dovecot's passdb reads this view only (see lib/mail/dovecot-contract.ts). Disabled entries are absent.
CREATE VIEW `dovecot_passdb` AS
  SELECT `address` AS `user`, `password_hash` AS `password` FROM `mailboxes` WHERE `enabled` = 1
  UNION ALL
  SELECT `login` AS `user`, `password_hash` AS `password` FROM `mail_accounts` WHERE `enabled` = 1;
--> statement-breakpoint
-- The audit log is append-only: rows can be added, never changed or removed.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
