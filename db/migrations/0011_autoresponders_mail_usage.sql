CREATE TABLE `autoresponders` (
	`mailbox_id` integer PRIMARY KEY NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`starts_on` text,
	`ends_on` text,
	`interval_days` integer DEFAULT 7 NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `autoresponders_reseller_idx` ON `autoresponders` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `autoresponders_customer_idx` ON `autoresponders` (`customer_id`);--> statement-breakpoint
CREATE TABLE `mail_usage` (
	`login` text PRIMARY KEY NOT NULL,
	`storage_bytes` integer,
	`messages` integer,
	`last_login` integer
);
