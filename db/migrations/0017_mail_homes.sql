CREATE TABLE `mail_home_removals` (
	`home` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `mailboxes` ADD `home` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `mail_accounts` ADD `home` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- A fresh Dovecot home for every new mailbox and mail account (issue 21). The home used to be derived
-- from the address (`<domain>/<local>`, an account's `<login>`), so a mailbox deleted and created again,
-- or a domain that came back with another customer, found the old Maildir and its mail. Now the row
-- carries its home: existing rows keep the folder they have (filled in below); a new row gets
-- `<domain>/<local>=<id>` (`<login>=<id>`), where the id is never handed out twice (AUTOINCREMENT) and
-- `=` is refused in every local part and login, so no other address's home can have that name.
UPDATE `mailboxes` SET `home` = substr(`address`, instr(`address`, '@') + 1) || '/' || `local_part`;
--> statement-breakpoint
UPDATE `mail_accounts` SET `home` = `login`;
--> statement-breakpoint
CREATE TRIGGER `mailboxes_home` AFTER INSERT ON `mailboxes` WHEN NEW.`home` = '' BEGIN
  UPDATE `mailboxes`
     SET `home` = substr(NEW.`address`, instr(NEW.`address`, '@') + 1) || '/' || substr(NEW.`address`, 1, instr(NEW.`address`, '@') - 1) || '=' || NEW.`id`
   WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `mail_accounts_home` AFTER INSERT ON `mail_accounts` WHEN NEW.`home` = '' BEGIN
  UPDATE `mail_accounts` SET `home` = NEW.`login` || '=' || NEW.`id` WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
-- The userdb view reads the stored home; everything else about it is unchanged (0014).
DROP VIEW IF EXISTS `dovecot_userdb`;
--> statement-breakpoint
CREATE VIEW `dovecot_userdb` AS
  SELECT `address` AS `user`, `address` AS `login`, `home`, `quota_mb`
    FROM `mailboxes` WHERE `enabled` = 1
  UNION ALL
  SELECT `login` AS `user`, `login` AS `login`, `home`, `quota_mb`
    FROM `mail_accounts` WHERE `enabled` = 1
  UNION ALL
  SELECT r.`address` AS `user`, a.`login` AS `login`, a.`home` AS `home`, a.`quota_mb`
    FROM `mail_account_addresses` r JOIN `mail_accounts` a ON a.`id` = r.`mail_account_id`
   WHERE a.`enabled` = 1
  UNION ALL
  SELECT 'kontor=catchall@' || d.`name` AS `user`, a.`login` AS `login`, a.`home` AS `home`, a.`quota_mb`
    FROM `domains` d JOIN `mail_accounts` a ON a.`id` = d.`catch_all_mail_account_id`
   WHERE a.`enabled` = 1;
