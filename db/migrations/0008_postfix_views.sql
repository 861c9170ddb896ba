-- Postfix reads these views only (see lib/mail/postfix-contract.ts), through sqlite lookup tables that
-- query Kontor's database on every lookup: a change in the panel counts for the next SMTP dialogue.
-- Every domain Kontor holds receives mail.
CREATE VIEW `postfix_domains` AS SELECT `name` AS `domain` FROM `domains`;
--> statement-breakpoint
-- Every address mail is delivered to: enabled mailboxes, and addresses routed to an enabled mail account
-- (Dovecot's userdb resolves those to the account). Anything else in Kontor's domains is unknown (550 5.1.1).
CREATE VIEW `postfix_recipients` AS
  SELECT `address` FROM `mailboxes` WHERE `enabled` = 1
  UNION ALL
  SELECT r.`address` FROM `mail_account_addresses` r JOIN `mail_accounts` a ON a.`id` = r.`mail_account_id`
   WHERE a.`enabled` = 1;
--> statement-breakpoint
-- Addresses that exist but are switched off: refused at RCPT (550 5.2.1), even where a catch-all would match.
CREATE VIEW `postfix_disabled` AS
  SELECT `address` FROM `mailboxes` WHERE `enabled` = 0
  UNION ALL
  SELECT r.`address` FROM `mail_account_addresses` r JOIN `mail_accounts` a ON a.`id` = r.`mail_account_id`
   WHERE a.`enabled` = 0;
