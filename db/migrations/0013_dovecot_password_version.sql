ALTER TABLE `mailboxes` ADD `password_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `mail_accounts` ADD `password_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Dovecot's Lua passdb remembers a verified login as an HMAC over login, password version, hash and
-- password. The version moves on every write of the hash (every password path, any import) and on
-- every switch on or off, here in the database, so no code path can forget it.
CREATE TRIGGER `mailboxes_password_version_hash` AFTER UPDATE OF `password_hash` ON `mailboxes` BEGIN
  UPDATE `mailboxes` SET `password_version` = `password_version` + 1 WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `mailboxes_password_version_enabled` AFTER UPDATE OF `enabled` ON `mailboxes`
  WHEN NEW.`enabled` IS NOT OLD.`enabled` BEGIN
  UPDATE `mailboxes` SET `password_version` = `password_version` + 1 WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `mail_accounts_password_version_hash` AFTER UPDATE OF `password_hash` ON `mail_accounts` BEGIN
  UPDATE `mail_accounts` SET `password_version` = `password_version` + 1 WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `mail_accounts_password_version_enabled` AFTER UPDATE OF `enabled` ON `mail_accounts`
  WHEN NEW.`enabled` IS NOT OLD.`enabled` BEGIN
  UPDATE `mail_accounts` SET `password_version` = `password_version` + 1 WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
-- The passdb view gains the version (the SQL passdb keeps reading only `user` and `password`).
DROP VIEW IF EXISTS `dovecot_passdb`;
--> statement-breakpoint
CREATE VIEW `dovecot_passdb` AS
  SELECT `address` AS `user`, `password_hash` AS `password`, `password_version` AS `version` FROM `mailboxes` WHERE `enabled` = 1
  UNION ALL
  SELECT `login` AS `user`, `password_hash` AS `password`, `password_version` AS `version` FROM `mail_accounts` WHERE `enabled` = 1
  UNION ALL
  SELECT r.`address` AS `user`, a.`password_hash` AS `password`, a.`password_version` AS `version`
    FROM `mail_account_addresses` r JOIN `mail_accounts` a ON a.`id` = r.`mail_account_id`
   WHERE a.`enabled` = 1;
