CREATE TABLE `traffic_profiles` (
	`device_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`received_at` integer NOT NULL,
	`sent_at` integer NOT NULL,
	`weeks` integer NOT NULL,
	`cell_minutes` integer NOT NULL,
	`watched_cells` integer NOT NULL,
	`cells` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `traffic_profiles_tenant_idx` ON `traffic_profiles` (`tenant_id`);