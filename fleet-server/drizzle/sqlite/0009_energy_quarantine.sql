CREATE TABLE `energy_quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`device_id` text NOT NULL,
	`seq` integer NOT NULL,
	`start` integer NOT NULL,
	`duration_s` integer NOT NULL,
	`energy_mwh` integer NOT NULL,
	`min_power_mw` integer NOT NULL,
	`max_power_mw` integer NOT NULL,
	`avg_power_mw` integer NOT NULL,
	`burning_s` integer NOT NULL,
	`avg_level_x10` integer NOT NULL,
	`received_at` integer NOT NULL,
	`reason` text NOT NULL,
	`detail` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`decided_at` integer,
	`decided_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `energy_quarantine_device_seq` ON `energy_quarantine` (`device_id`,`seq`);--> statement-breakpoint
CREATE INDEX `energy_quarantine_tenant_idx` ON `energy_quarantine` (`tenant_id`,`state`,`device_id`,`seq`);--> statement-breakpoint
ALTER TABLE `devices` ADD `energy_quarantine_top` integer DEFAULT 0 NOT NULL;