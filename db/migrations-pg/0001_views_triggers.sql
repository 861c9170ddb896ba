-- Every view and trigger of the SQLite migrations (db/migrations 0001, 0005, 0007, 0008, 0009, 0010,
-- 0013) in PostgreSQL, with the same names and result columns, in their final state. Booleans are
-- native here (`enabled` instead of `enabled = 1`). `user` is a reserved word in PostgreSQL: the
-- mail servers' pgsql queries must write the column as "user".

-- The audit log is append-only: rows can be added, never changed or removed (TRUNCATE too, which
-- skips row triggers in PostgreSQL and does not exist in SQLite).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint

-- subscriptions.mailbox_count is the sum of its domains' mailbox_count (SQLite 0007).
CREATE FUNCTION domains_mailbox_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE subscriptions SET mailbox_count = mailbox_count - OLD.mailbox_count WHERE id = OLD.subscription_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE subscriptions SET mailbox_count = mailbox_count + NEW.mailbox_count WHERE id = NEW.subscription_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER domains_mailbox_count_insert AFTER INSERT ON domains
  FOR EACH ROW EXECUTE FUNCTION domains_mailbox_count_sync();
--> statement-breakpoint
CREATE TRIGGER domains_mailbox_count_update AFTER UPDATE OF mailbox_count, subscription_id ON domains
  FOR EACH ROW EXECUTE FUNCTION domains_mailbox_count_sync();
--> statement-breakpoint
CREATE TRIGGER domains_mailbox_count_delete AFTER DELETE ON domains
  FOR EACH ROW EXECUTE FUNCTION domains_mailbox_count_sync();
--> statement-breakpoint

-- The password version moves on every write of the hash (even the same one) and on every switch on
-- or off (SQLite 0013). SQLite does it with an UPDATE after the row's update; here the row is changed
-- before it is written, which gives the same end state (both triggers firing add 2, as in SQLite).
CREATE FUNCTION password_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.password_version := NEW.password_version + 1;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER mailboxes_password_version_hash BEFORE UPDATE OF password_hash ON mailboxes
  FOR EACH ROW EXECUTE FUNCTION password_version_bump();
--> statement-breakpoint
CREATE TRIGGER mailboxes_password_version_enabled BEFORE UPDATE OF enabled ON mailboxes
  FOR EACH ROW WHEN (NEW.enabled IS DISTINCT FROM OLD.enabled) EXECUTE FUNCTION password_version_bump();
--> statement-breakpoint
CREATE TRIGGER mail_accounts_password_version_hash BEFORE UPDATE OF password_hash ON mail_accounts
  FOR EACH ROW EXECUTE FUNCTION password_version_bump();
--> statement-breakpoint
CREATE TRIGGER mail_accounts_password_version_enabled BEFORE UPDATE OF enabled ON mail_accounts
  FOR EACH ROW WHEN (NEW.enabled IS DISTINCT FROM OLD.enabled) EXECUTE FUNCTION password_version_bump();
--> statement-breakpoint

-- Dovecot's passdb (SQLite 0001, 0010, 0013): mailboxes, mail accounts and addresses routed to an
-- account, with the password version; disabled entries are absent.
CREATE VIEW dovecot_passdb AS
  SELECT address AS "user", password_hash AS password, password_version AS version FROM mailboxes WHERE enabled
  UNION ALL
  SELECT login AS "user", password_hash AS password, password_version AS version FROM mail_accounts WHERE enabled
  UNION ALL
  SELECT r.address AS "user", a.password_hash AS password, a.password_version AS version
    FROM mail_account_addresses r JOIN mail_accounts a ON a.id = r.mail_account_id
   WHERE a.enabled;
--> statement-breakpoint

-- Dovecot's userdb (SQLite 0005): `login` owns the Maildir, `home` is relative to the mail root.
CREATE VIEW dovecot_userdb AS
  SELECT address AS "user", address AS login,
         substr(address, strpos(address, '@') + 1) || '/' || local_part AS home, quota_mb
    FROM mailboxes WHERE enabled
  UNION ALL
  SELECT login AS "user", login AS login, login AS home, quota_mb
    FROM mail_accounts WHERE enabled
  UNION ALL
  SELECT r.address AS "user", a.login AS login, a.login AS home, a.quota_mb
    FROM mail_account_addresses r JOIN mail_accounts a ON a.id = r.mail_account_id
   WHERE a.enabled;
--> statement-breakpoint

-- Postfix's lookup tables (SQLite 0008, 0009).
CREATE VIEW postfix_domains AS SELECT name AS domain FROM domains;
--> statement-breakpoint
CREATE VIEW postfix_recipients AS
  SELECT address FROM mailboxes WHERE enabled
  UNION ALL
  SELECT r.address FROM mail_account_addresses r JOIN mail_accounts a ON a.id = r.mail_account_id
   WHERE a.enabled;
--> statement-breakpoint
CREATE VIEW postfix_disabled AS
  SELECT address FROM mailboxes WHERE NOT enabled
  UNION ALL
  SELECT r.address FROM mail_account_addresses r JOIN mail_accounts a ON a.id = r.mail_account_id
   WHERE NOT a.enabled;
--> statement-breakpoint
CREATE VIEW postfix_virtual AS
  SELECT address, address AS target FROM postfix_recipients
  UNION ALL
  SELECT a.address, t.target FROM mail_aliases a JOIN mail_alias_targets t ON t.alias_id = a.id;
--> statement-breakpoint
CREATE VIEW postfix_catchall AS
  SELECT d.name AS domain, m.address AS target
    FROM domains d JOIN mailboxes m ON m.id = d.catch_all_mailbox_id
   WHERE m.enabled;
