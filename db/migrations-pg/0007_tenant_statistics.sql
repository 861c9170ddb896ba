-- Every tenant-scoped query filters on reseller_id and customer_id together, and a customer belongs to
-- exactly one reseller. Without being told, PostgreSQL multiplies the two columns' selectivities as if
-- they were independent: for a customer's 1,000 domains it expected 29 rows, chose a bitmap AND of both
-- indexes, and joined and sorted all 1,000 for a page of 50 (3.0 ms instead of 0.3 ms on the benchmark's
-- set). Functional-dependency statistics let it see that the reseller follows from the customer.
CREATE STATISTICS "api_keys_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "api_keys";
--> statement-breakpoint
CREATE STATISTICS "audit_log_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "audit_log";
--> statement-breakpoint
CREATE STATISTICS "autoresponders_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "autoresponders";
--> statement-breakpoint
CREATE STATISTICS "domains_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "domains";
--> statement-breakpoint
CREATE STATISTICS "forwards_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "forwards";
--> statement-breakpoint
CREATE STATISTICS "import_jobs_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "import_jobs";
--> statement-breakpoint
CREATE STATISTICS "mail_account_addresses_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "mail_account_addresses";
--> statement-breakpoint
CREATE STATISTICS "mail_account_autoresponders_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "mail_account_autoresponders";
--> statement-breakpoint
CREATE STATISTICS "mail_accounts_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "mail_accounts";
--> statement-breakpoint
CREATE STATISTICS "mail_alias_targets_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "mail_alias_targets";
--> statement-breakpoint
CREATE STATISTICS "mail_aliases_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "mail_aliases";
--> statement-breakpoint
CREATE STATISTICS "mailboxes_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "mailboxes";
--> statement-breakpoint
CREATE STATISTICS "sender_rules_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "sender_rules";
--> statement-breakpoint
CREATE STATISTICS "spam_settings_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "spam_settings";
--> statement-breakpoint
CREATE STATISTICS "subscriptions_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "subscriptions";
--> statement-breakpoint
CREATE STATISTICS "ticket_messages_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "ticket_messages";
--> statement-breakpoint
CREATE STATISTICS "ticket_secrets_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "ticket_secrets";
--> statement-breakpoint
CREATE STATISTICS "tickets_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "tickets";
--> statement-breakpoint
CREATE STATISTICS "users_tenant_stats" (dependencies) ON "reseller_id", "customer_id" FROM "users";
--> statement-breakpoint
ANALYZE;
