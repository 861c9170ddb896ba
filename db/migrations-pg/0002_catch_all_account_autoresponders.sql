CREATE TABLE "mail_account_autoresponders" (
	"mail_account_id" integer PRIMARY KEY NOT NULL,
	"reseller_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"starts_on" text,
	"ends_on" text,
	"interval_days" integer DEFAULT 7 NOT NULL,
	"updated_at" bigint DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "domains" ADD COLUMN "catch_all_mail_account_id" integer;--> statement-breakpoint
ALTER TABLE "mail_account_autoresponders" ADD CONSTRAINT "mail_account_autoresponders_mail_account_id_mail_accounts_id_fk" FOREIGN KEY ("mail_account_id") REFERENCES "public"."mail_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_account_autoresponders" ADD CONSTRAINT "mail_account_autoresponders_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_account_autoresponders" ADD CONSTRAINT "mail_account_autoresponders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_account_autoresponders_reseller_idx" ON "mail_account_autoresponders" USING btree ("reseller_id");--> statement-breakpoint
CREATE INDEX "mail_account_autoresponders_customer_idx" ON "mail_account_autoresponders" USING btree ("customer_id");--> statement-breakpoint
ALTER TABLE "domains" ADD CONSTRAINT "domains_catch_all_mail_account_id_mail_accounts_id_fk" FOREIGN KEY ("catch_all_mail_account_id") REFERENCES "public"."mail_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "domains_catch_all_account_idx" ON "domains" USING btree ("catch_all_mail_account_id");--> statement-breakpoint
CREATE INDEX "domains_catch_all_address_idx" ON "domains" USING btree (('kontor=catchall@' || "name")) WHERE "domains"."catch_all_mail_account_id" IS NOT NULL;--> statement-breakpoint
-- Catch-all to a mail account (SQLite 0014): the delivery address `kontor=catchall@<domain>` exists
-- while the catch-all points at an enabled account (`=` is refused in every local part Kontor accepts).
CREATE OR REPLACE VIEW postfix_recipients AS
  SELECT address FROM mailboxes WHERE enabled
  UNION ALL
  SELECT r.address FROM mail_account_addresses r JOIN mail_accounts a ON a.id = r.mail_account_id
   WHERE a.enabled
  UNION ALL
  SELECT 'kontor=catchall@' || d.name FROM domains d JOIN mail_accounts a ON a.id = d.catch_all_mail_account_id
   WHERE a.enabled;
--> statement-breakpoint
CREATE OR REPLACE VIEW postfix_catchall AS
  SELECT d.name AS domain, m.address AS target
    FROM domains d JOIN mailboxes m ON m.id = d.catch_all_mailbox_id
   WHERE m.enabled
  UNION ALL
  SELECT d.name AS domain, 'kontor=catchall@' || d.name AS target
    FROM domains d JOIN mail_accounts a ON a.id = d.catch_all_mail_account_id
   WHERE a.enabled;
--> statement-breakpoint
CREATE OR REPLACE VIEW dovecot_userdb AS
  SELECT address AS "user", address AS login,
         substr(address, strpos(address, '@') + 1) || '/' || local_part AS home, quota_mb
    FROM mailboxes WHERE enabled
  UNION ALL
  SELECT login AS "user", login AS login, login AS home, quota_mb
    FROM mail_accounts WHERE enabled
  UNION ALL
  SELECT r.address AS "user", a.login AS login, a.login AS home, a.quota_mb
    FROM mail_account_addresses r JOIN mail_accounts a ON a.id = r.mail_account_id
   WHERE a.enabled
  UNION ALL
  SELECT 'kontor=catchall@' || d.name AS "user", a.login AS login, a.login AS home, a.quota_mb
    FROM domains d JOIN mail_accounts a ON a.id = d.catch_all_mail_account_id
   WHERE a.enabled;
