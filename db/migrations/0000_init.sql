CREATE TABLE `resellers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`customer_number_base` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resellers_customer_number_base_unique` ON `resellers` (`customer_number_base`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_number` text NOT NULL,
	`company` text,
	`contact_name` text NOT NULL,
	`street` text DEFAULT '' NOT NULL,
	`postal_code` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`country` text DEFAULT 'DE' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`contact_email` text NOT NULL,
	`stammdaten_confirmed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_customer_number_unique` ON `customers` (`customer_number`);--> statement-breakpoint
CREATE INDEX `customers_reseller_idx` ON `customers` (`reseller_id`,`customer_number`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`reseller_id` integer,
	`customer_id` integer,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`password_changed_at` integer,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_reseller_idx` ON `users` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `users_customer_idx` ON `users` (`customer_id`);--> statement-breakpoint
CREATE TABLE `packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`name` text NOT NULL,
	`panel` text NOT NULL,
	`max_domains` integer,
	`max_mailboxes` integer,
	`mailbox_quota_mb` integer,
	`max_forwards` integer,
	`spam_filter_enabled` integer DEFAULT true NOT NULL,
	`forwarding_enabled` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `packages_reseller_idx` ON `packages` (`reseller_id`,`name`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`package_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subscriptions_reseller_idx` ON `subscriptions` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `subscriptions_customer_idx` ON `subscriptions` (`customer_id`);--> statement-breakpoint
CREATE INDEX `subscriptions_package_idx` ON `subscriptions` (`package_id`);--> statement-breakpoint
CREATE TABLE `domains` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`subscription_id` integer NOT NULL,
	`name` text NOT NULL,
	`mailbox_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `domains_name_unique` ON `domains` (`name`);--> statement-breakpoint
CREATE INDEX `domains_reseller_idx` ON `domains` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `domains_customer_name_idx` ON `domains` (`customer_id`,`name`);--> statement-breakpoint
CREATE INDEX `domains_subscription_idx` ON `domains` (`subscription_id`,`name`);--> statement-breakpoint
CREATE TABLE `mailboxes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`domain_id` integer NOT NULL,
	`local_part` text NOT NULL,
	`address` text NOT NULL,
	`password_hash` text NOT NULL,
	`quota_mb` integer,
	`enabled` integer DEFAULT true NOT NULL,
	`keep_copy` integer DEFAULT true NOT NULL,
	`recovery_email` text,
	`session_version` integer DEFAULT 1 NOT NULL,
	`password_changed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mailboxes_address_uq` ON `mailboxes` (`address`);--> statement-breakpoint
CREATE INDEX `mailboxes_domain_local_idx` ON `mailboxes` (`domain_id`,`local_part`);--> statement-breakpoint
CREATE INDEX `mailboxes_reseller_idx` ON `mailboxes` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `mailboxes_customer_idx` ON `mailboxes` (`customer_id`);--> statement-breakpoint
CREATE TABLE `mail_account_addresses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`mail_account_id` integer NOT NULL,
	`domain_id` integer NOT NULL,
	`local_part` text NOT NULL,
	`address` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mail_account_id`) REFERENCES `mail_accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_account_addresses_address_uq` ON `mail_account_addresses` (`address`);--> statement-breakpoint
CREATE INDEX `mail_account_addresses_account_idx` ON `mail_account_addresses` (`mail_account_id`);--> statement-breakpoint
CREATE INDEX `mail_account_addresses_domain_idx` ON `mail_account_addresses` (`domain_id`);--> statement-breakpoint
CREATE INDEX `mail_account_addresses_customer_idx` ON `mail_account_addresses` (`customer_id`);--> statement-breakpoint
CREATE INDEX `mail_account_addresses_reseller_idx` ON `mail_account_addresses` (`reseller_id`);--> statement-breakpoint
CREATE TABLE `mail_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`number` integer NOT NULL,
	`login` text NOT NULL,
	`password_hash` text NOT NULL,
	`quota_mb` integer,
	`enabled` integer DEFAULT true NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`password_changed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_accounts_login_uq` ON `mail_accounts` (`login`);--> statement-breakpoint
CREATE UNIQUE INDEX `mail_accounts_customer_number_uq` ON `mail_accounts` (`customer_id`,`number`);--> statement-breakpoint
CREATE INDEX `mail_accounts_reseller_idx` ON `mail_accounts` (`reseller_id`);--> statement-breakpoint
CREATE TABLE `forwards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`mailbox_id` integer NOT NULL,
	`target` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `forwards_mailbox_target_uq` ON `forwards` (`mailbox_id`,`target`);--> statement-breakpoint
CREATE INDEX `forwards_reseller_idx` ON `forwards` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `forwards_customer_idx` ON `forwards` (`customer_id`);--> statement-breakpoint
CREATE TABLE `sender_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`mailbox_id` integer NOT NULL,
	`kind` text NOT NULL,
	`pattern` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sender_rules_mailbox_pattern_uq` ON `sender_rules` (`mailbox_id`,`pattern`);--> statement-breakpoint
CREATE INDEX `sender_rules_reseller_idx` ON `sender_rules` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `sender_rules_customer_idx` ON `sender_rules` (`customer_id`);--> statement-breakpoint
CREATE TABLE `spam_settings` (
	`mailbox_id` integer PRIMARY KEY NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`level` integer DEFAULT 3 NOT NULL,
	`action` text DEFAULT 'junk' NOT NULL,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `spam_settings_reseller_idx` ON `spam_settings` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `spam_settings_customer_idx` ON `spam_settings` (`customer_id`);--> statement-breakpoint
CREATE TABLE `ticket_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`author_user_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_messages_ticket_idx` ON `ticket_messages` (`ticket_id`,`id`);--> statement-breakpoint
CREATE INDEX `ticket_messages_reseller_idx` ON `ticket_messages` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `ticket_messages_customer_idx` ON `ticket_messages` (`customer_id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`opened_by_user_id` integer NOT NULL,
	`category` text NOT NULL,
	`subject` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tickets_reseller_idx` ON `tickets` (`reseller_id`);--> statement-breakpoint
CREATE INDEX `tickets_customer_idx` ON `tickets` (`customer_id`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_status_idx` ON `tickets` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `auth_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer,
	`lock_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `login_grants` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`principal_kind` text NOT NULL,
	`principal_id` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `recovery_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`principal_kind` text NOT NULL,
	`principal_id` integer NOT NULL,
	`sent_to` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_tokens_token_hash_unique` ON `recovery_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `recovery_tokens_principal_idx` ON `recovery_tokens` (`principal_kind`,`principal_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`target_kind` text,
	`target_id` integer,
	`target_label` text,
	`reseller_id` integer,
	`customer_id` integer,
	`ip` text,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_reseller_idx` ON `audit_log` (`reseller_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_customer_idx` ON `audit_log` (`customer_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_kind`,`target_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
