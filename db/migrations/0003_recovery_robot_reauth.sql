CREATE TABLE `reauth_confirmations` (
	`principal_kind` text NOT NULL,
	`principal_id` integer NOT NULL,
	`confirmed_at` integer NOT NULL,
	`session_version` integer NOT NULL,
	PRIMARY KEY(`principal_kind`, `principal_id`)
);
--> statement-breakpoint
CREATE TABLE `robot_check_used` (
	`challenge_hash` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `robot_check_used_expires_idx` ON `robot_check_used` (`expires_at`);