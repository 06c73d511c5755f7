ALTER TABLE `device_credentials` ADD `claim_code_hash` text;--> statement-breakpoint
ALTER TABLE `device_credentials` ADD `claimed_at` integer;