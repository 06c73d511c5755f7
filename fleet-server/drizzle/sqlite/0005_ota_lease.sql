CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	`acquired_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ota_commands` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`campaign_id` integer NOT NULL,
	`command` text NOT NULL,
	`requested_at` integer NOT NULL,
	`applied_at` integer,
	`result` text
);
--> statement-breakpoint
CREATE INDEX `ota_commands_pending_idx` ON `ota_commands` (`applied_at`,`id`);--> statement-breakpoint
CREATE TABLE `ota_image_data` (
	`sha256` text PRIMARY KEY NOT NULL,
	`data` blob NOT NULL
);
