CREATE TABLE `mail_alias_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alias_id` integer NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`target` text NOT NULL,
	FOREIGN KEY (`alias_id`) REFERENCES `mail_aliases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_alias_targets_alias_target_uq` ON `mail_alias_targets` (`alias_id`,`target`);--> statement-breakpoint
CREATE INDEX `mail_alias_targets_target_idx` ON `mail_alias_targets` (`target`);--> statement-breakpoint
CREATE INDEX `mail_alias_targets_reseller_idx` ON `mail_alias_targets` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `mail_alias_targets_customer_idx` ON `mail_alias_targets` (`customer_id`);--> statement-breakpoint
CREATE TABLE `mail_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`domain_id` integer NOT NULL,
	`local_part` text NOT NULL,
	`address` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_aliases_address_uq` ON `mail_aliases` (`address`);--> statement-breakpoint
CREATE INDEX `mail_aliases_domain_idx` ON `mail_aliases` (`domain_id`);--> statement-breakpoint
CREATE INDEX `mail_aliases_reseller_idx` ON `mail_aliases` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `mail_aliases_customer_idx` ON `mail_aliases` (`customer_id`);--> statement-breakpoint
ALTER TABLE `packages` ADD `max_aliases` integer;--> statement-breakpoint
ALTER TABLE `domains` ADD `catch_all_mailbox_id` integer REFERENCES `mailboxes`(`id`) ON DELETE SET NULL;--> statement-breakpoint
-- Postfix's virtual alias table (lib/mail/postfix-contract.ts): every recipient maps to itself, so a
-- catch-all never swallows an existing address; an alias maps to each of its targets (Postfix joins the
-- rows and resolves targets that are aliases again).
CREATE VIEW `postfix_virtual` AS
  SELECT `address`, `address` AS `target` FROM `postfix_recipients`
  UNION ALL
  SELECT a.`address`, t.`target` FROM `mail_aliases` a JOIN `mail_alias_targets` t ON t.`alias_id` = a.`id`;
--> statement-breakpoint
-- Catch-all per domain: looked up by the domain of an address no other table knows. Only an enabled
-- mailbox counts; without one the address stays unknown (550 5.1.1).
CREATE VIEW `postfix_catchall` AS
  SELECT d.`name` AS `domain`, m.`address` AS `target`
    FROM `domains` d JOIN `mailboxes` m ON m.`id` = d.`catch_all_mailbox_id`
   WHERE m.`enabled` = 1;
