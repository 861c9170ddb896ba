ALTER TABLE `subscriptions` ADD `mailbox_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `subscriptions` SET `mailbox_count` = (SELECT coalesce(sum(`mailbox_count`), 0) FROM `domains` WHERE `domains`.`subscription_id` = `subscriptions`.`id`);--> statement-breakpoint
CREATE TRIGGER `domains_mailbox_count_insert` AFTER INSERT ON `domains` BEGIN
  UPDATE `subscriptions` SET `mailbox_count` = `mailbox_count` + NEW.`mailbox_count` WHERE `id` = NEW.`subscription_id`;
END;--> statement-breakpoint
CREATE TRIGGER `domains_mailbox_count_update` AFTER UPDATE OF `mailbox_count`, `subscription_id` ON `domains` BEGIN
  UPDATE `subscriptions` SET `mailbox_count` = `mailbox_count` - OLD.`mailbox_count` WHERE `id` = OLD.`subscription_id`;
  UPDATE `subscriptions` SET `mailbox_count` = `mailbox_count` + NEW.`mailbox_count` WHERE `id` = NEW.`subscription_id`;
END;--> statement-breakpoint
CREATE TRIGGER `domains_mailbox_count_delete` AFTER DELETE ON `domains` BEGIN
  UPDATE `subscriptions` SET `mailbox_count` = `mailbox_count` - OLD.`mailbox_count` WHERE `id` = OLD.`subscription_id`;
END;
