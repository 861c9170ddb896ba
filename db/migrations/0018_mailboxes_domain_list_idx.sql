-- The Plesk address list and the support search by domain read a page of a domain's mailboxes from this
-- index alone, without a seek into the table per row (issue 22.3); it serves every use of the old one.
DROP INDEX `mailboxes_domain_local_idx`;--> statement-breakpoint
CREATE INDEX `mailboxes_domain_list_idx` ON `mailboxes` (`domain_id`,`local_part`,`reseller_id`,`customer_id`,`id`,`address`,`quota_mb`,`enabled`);