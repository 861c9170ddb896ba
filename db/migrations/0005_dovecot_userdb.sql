-- Dovecot's userdb reads this view only (see lib/mail/dovecot-contract.ts). It answers for every
-- address mail may be delivered to: a mailbox, a mail account's login, or an address routed to a mail
-- account (kontakt@dorfladen.example → k10001.002). `login` is whose Maildir receives the mail, `home`
-- is that Maildir's parent relative to Dovecot's mail root, `quota_mb` NULL means unlimited.
-- Disabled mailboxes and accounts are absent, so LMTP refuses them like unknown recipients.
CREATE VIEW `dovecot_userdb` AS
  SELECT `address` AS `user`, `address` AS `login`,
         substr(`address`, instr(`address`, '@') + 1) || '/' || `local_part` AS `home`, `quota_mb`
    FROM `mailboxes` WHERE `enabled` = 1
  UNION ALL
  SELECT `login` AS `user`, `login` AS `login`, `login` AS `home`, `quota_mb`
    FROM `mail_accounts` WHERE `enabled` = 1
  UNION ALL
  SELECT r.`address` AS `user`, a.`login` AS `login`, a.`login` AS `home`, a.`quota_mb`
    FROM `mail_account_addresses` r JOIN `mail_accounts` a ON a.`id` = r.`mail_account_id`
   WHERE a.`enabled` = 1;
