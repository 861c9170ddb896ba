CREATE TABLE `ticket_secrets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`mail_account_id` integer NOT NULL,
	`sealed` text,
	`revealed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mail_account_id`) REFERENCES `mail_accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_secrets_ticket_id_unique` ON `ticket_secrets` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `ticket_secrets_reseller_idx` ON `ticket_secrets` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `ticket_secrets_customer_idx` ON `ticket_secrets` (`customer_id`);--> statement-breakpoint
CREATE INDEX `ticket_secrets_account_idx` ON `ticket_secrets` (`mail_account_id`);