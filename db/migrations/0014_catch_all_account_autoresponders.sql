CREATE TABLE `mail_account_autoresponders` (
	`mail_account_id` integer PRIMARY KEY NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`starts_on` text,
	`ends_on` text,
	`interval_days` integer DEFAULT 7 NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`mail_account_id`) REFERENCES `mail_accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mail_account_autoresponders_reseller_idx` ON `mail_account_autoresponders` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `mail_account_autoresponders_customer_idx` ON `mail_account_autoresponders` (`customer_id`);--> statement-breakpoint
ALTER TABLE `domains` ADD `catch_all_mail_account_id` integer REFERENCES `mail_accounts`(`id`) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `domains_catch_all_account_idx` ON `domains` (`catch_all_mail_account_id`);--> statement-breakpoint
CREATE INDEX `domains_catch_all_address_idx` ON `domains` (('kontor=catchall@' || "name")) WHERE "domains"."catch_all_mail_account_id" IS NOT NULL;--> statement-breakpoint
-- Catch-all to a mail account (E-Mail-Administration). A mail account has no address of its own, so the
-- catch-all names a delivery address `kontor=catchall@<domain>`: `=` is refused in every local part
-- Kontor accepts, so it never collides with a mailbox, routed address or alias. It exists only while the
-- catch-all points at an enabled account; Postfix delivers it over LMTP, and Dovecot's userdb maps it to
-- the account's Maildir like a routed address. Lookups by it use the expression index
-- domains_catch_all_address_idx. Everything else about the views is unchanged (0005, 0008, 0009).
DROP VIEW IF EXISTS `postfix_recipients`;
--> statement-breakpoint
CREATE VIEW `postfix_recipients` AS
  SELECT `address` FROM `mailboxes` WHERE `enabled` = 1
  UNION ALL
  SELECT r.`address` FROM `mail_account_addresses` r JOIN `mail_accounts` a ON a.`id` = r.`mail_account_id`
   WHERE a.`enabled` = 1
  UNION ALL
  SELECT 'kontor=catchall@' || d.`name` FROM `domains` d JOIN `mail_accounts` a ON a.`id` = d.`catch_all_mail_account_id`
   WHERE a.`enabled` = 1;
--> statement-breakpoint
DROP VIEW IF EXISTS `postfix_catchall`;
--> statement-breakpoint
CREATE VIEW `postfix_catchall` AS
  SELECT d.`name` AS `domain`, m.`address` AS `target`
    FROM `domains` d JOIN `mailboxes` m ON m.`id` = d.`catch_all_mailbox_id`
   WHERE m.`enabled` = 1
  UNION ALL
  SELECT d.`name` AS `domain`, 'kontor=catchall@' || d.`name` AS `target`
    FROM `domains` d JOIN `mail_accounts` a ON a.`id` = d.`catch_all_mail_account_id`
   WHERE a.`enabled` = 1;
--> statement-breakpoint
DROP VIEW IF EXISTS `dovecot_userdb`;
--> statement-breakpoint
CREATE VIEW `dovecot_userdb` AS
  SELECT `address` AS `user`, `address` AS `login`,
         substr(`address`, instr(`address`, '@') + 1) || '/' || `local_part` AS `home`, `quota_mb`
    FROM `mailboxes` WHERE `enabled` = 1
  UNION ALL
  SELECT `login` AS `user`, `login` AS `login`, `login` AS `home`, `quota_mb`
    FROM `mail_accounts` WHERE `enabled` = 1
  UNION ALL
  SELECT r.`address` AS `user`, a.`login` AS `login`, a.`login` AS `home`, a.`quota_mb`
    FROM `mail_account_addresses` r JOIN `mail_accounts` a ON a.`id` = r.`mail_account_id`
   WHERE a.`enabled` = 1
  UNION ALL
  SELECT 'kontor=catchall@' || d.`name` AS `user`, a.`login` AS `login`, a.`login` AS `home`, a.`quota_mb`
    FROM `domains` d JOIN `mail_accounts` a ON a.`id` = d.`catch_all_mail_account_id`
   WHERE a.`enabled` = 1;
