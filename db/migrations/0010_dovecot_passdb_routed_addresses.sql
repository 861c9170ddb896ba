-- Mail programs may log in with an address routed to a mail account (kontakt@dorfladen.example) as well
-- as with the account's name (k10001.002): the address is what every set-up file, help box and user
-- expects, and the public autoconfig answers cannot look up which account an address belongs to.
-- The routed address checks the account's own hash; Dovecot's userdb then names the session after the
-- account (`login AS user`), so both names open the same Maildir. Disabled accounts stay absent.
DROP VIEW IF EXISTS `dovecot_passdb`;
--> statement-breakpoint
CREATE VIEW `dovecot_passdb` AS
  SELECT `address` AS `user`, `password_hash` AS `password` FROM `mailboxes` WHERE `enabled` = 1
  UNION ALL
  SELECT `login` AS `user`, `password_hash` AS `password` FROM `mail_accounts` WHERE `enabled` = 1
  UNION ALL
  SELECT r.`address` AS `user`, a.`password_hash` AS `password`
    FROM `mail_account_addresses` r JOIN `mail_accounts` a ON a.`id` = r.`mail_account_id`
   WHERE a.`enabled` = 1;
