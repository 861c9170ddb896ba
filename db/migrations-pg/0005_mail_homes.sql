CREATE TABLE "mail_home_removals" (
	"home" text PRIMARY KEY NOT NULL,
	"created_at" bigint DEFAULT (extract(epoch from clock_timestamp()) * 1000)::bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "home" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_accounts" ADD COLUMN "home" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- A fresh Dovecot home for every new mailbox and mail account (SQLite 0017, which says why): existing
-- rows keep the folder they have; a new row gets `<domain>/<local>=<id>` (`<login>=<id>`). The identity
-- column's value is already in NEW when a BEFORE INSERT trigger runs.
UPDATE mailboxes SET home = substr(address, strpos(address, '@') + 1) || '/' || local_part;
--> statement-breakpoint
UPDATE mail_accounts SET home = login;
--> statement-breakpoint
CREATE FUNCTION mailboxes_home() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.home = '' THEN
    NEW.home := split_part(NEW.address, '@', 2) || '/' || split_part(NEW.address, '@', 1) || '=' || NEW.id;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER mailboxes_home BEFORE INSERT ON mailboxes FOR EACH ROW EXECUTE FUNCTION mailboxes_home();
--> statement-breakpoint
CREATE FUNCTION mail_accounts_home() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.home = '' THEN
    NEW.home := NEW.login || '=' || NEW.id;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER mail_accounts_home BEFORE INSERT ON mail_accounts FOR EACH ROW EXECUTE FUNCTION mail_accounts_home();
--> statement-breakpoint
CREATE OR REPLACE VIEW dovecot_userdb AS
  SELECT address AS "user", address AS login, home, quota_mb
    FROM mailboxes WHERE enabled
  UNION ALL
  SELECT login AS "user", login AS login, home, quota_mb
    FROM mail_accounts WHERE enabled
  UNION ALL
  SELECT r.address AS "user", a.login AS login, a.home AS home, a.quota_mb
    FROM mail_account_addresses r JOIN mail_accounts a ON a.id = r.mail_account_id
   WHERE a.enabled
  UNION ALL
  SELECT 'kontor=catchall@' || d.name AS "user", a.login AS login, a.home AS home, a.quota_mb
    FROM domains d JOIN mail_accounts a ON a.id = d.catch_all_mail_account_id
   WHERE a.enabled;
