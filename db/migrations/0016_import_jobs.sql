CREATE TABLE `import_job_steps` (
	`job_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`action` text NOT NULL,
	`undo` text,
	PRIMARY KEY(`job_id`, `seq`),
	FOREIGN KEY (`job_id`) REFERENCES `import_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `import_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`reseller_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` integer NOT NULL,
	`source` text NOT NULL,
	`sha256` text NOT NULL,
	`ip` text,
	`state` text NOT NULL,
	`cancel_requested` integer DEFAULT false NOT NULL,
	`total` integer NOT NULL,
	`applied` integer DEFAULT 0 NOT NULL,
	`error` text,
	`lease_until` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reseller_id`) REFERENCES `resellers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_jobs_customer_idx` ON `import_jobs` (`customer_id`);--> statement-breakpoint
CREATE INDEX `import_jobs_state_idx` ON `import_jobs` (`state`);