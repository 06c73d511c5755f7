CREATE TABLE `device_clo` (
	`device_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`received_at` integer NOT NULL,
	`drive_permille` integer NOT NULL,
	`led_hours` integer NOT NULL,
	`saved_mwh` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `device_clo_tenant_idx` ON `device_clo` (`tenant_id`);--> statement-breakpoint
ALTER TABLE `luminaire_models` ADD `clo_lxx_pct` integer;--> statement-breakpoint
ALTER TABLE `luminaire_models` ADD `clo_rated_h` integer;