CREATE TABLE `desired` (
	`device_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`config` text,
	`config_version` integer DEFAULT 0 NOT NULL,
	`plan_id` integer DEFAULT 0 NOT NULL,
	`plan_version` integer DEFAULT 0 NOT NULL,
	`override_id` integer DEFAULT 0 NOT NULL,
	`override_level` integer DEFAULT 0 NOT NULL,
	`override_expires_at` integer DEFAULT 0 NOT NULL,
	`override_fade_s` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `desired_tenant_idx` ON `desired` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `device_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`event_seq` integer NOT NULL,
	`type` integer NOT NULL,
	`active` integer NOT NULL,
	`time` integer NOT NULL,
	`value` integer NOT NULL,
	`detail` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `device_events_device_idx` ON `device_events` (`device_id`,`id`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`hardware_model` text,
	`firmware_version` text,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL,
	`online` integer DEFAULT false NOT NULL,
	`boot_count` integer,
	`last_reset_reason` integer,
	`last_uplink_seq` integer,
	`last_downlink_seq` integer DEFAULT 0 NOT NULL,
	`energy_acked_seq` integer DEFAULT 0 NOT NULL,
	`config_version` integer,
	`plan_id` integer,
	`plan_version` integer,
	`override_id` integer,
	`override_expires_at` integer,
	`clock_status` integer,
	`level` integer,
	`target_level` integer,
	`level_source` integer,
	`power_mw` integer,
	`uptime_s` integer,
	`state_at` integer
);
--> statement-breakpoint
CREATE INDEX `devices_tenant_idx` ON `devices` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `downlinks` (
	`device_id` text NOT NULL,
	`seq` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`sent_at` integer NOT NULL,
	`ack_status` text DEFAULT 'pending' NOT NULL,
	`ack_detail` text,
	`acked_at` integer,
	PRIMARY KEY(`device_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `energy_records` (
	`device_id` text NOT NULL,
	`seq` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`start` integer NOT NULL,
	`duration_s` integer NOT NULL,
	`energy_mwh` integer NOT NULL,
	`min_power_mw` integer NOT NULL,
	`max_power_mw` integer NOT NULL,
	`avg_power_mw` integer NOT NULL,
	`burning_s` integer NOT NULL,
	`avg_level_x10` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `energy_records_device_seq` ON `energy_records` (`device_id`,`seq`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`tenant_id` text NOT NULL,
	`group_id` text NOT NULL,
	`device_id` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `group_id`, `device_id`)
);
--> statement-breakpoint
CREATE INDEX `group_members_device_idx` ON `group_members` (`device_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `inventory` (
	`device_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`pole_ref` text,
	`lat` real,
	`lon` real,
	`group_id` text,
	`luminaire_model` text,
	`nominal_power_w` integer,
	`cct_k` integer,
	`installed_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inventory_tenant_idx` ON `inventory` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`target` text NOT NULL,
	`level` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`fade_s` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `plans` (
	`tenant_id` text NOT NULL,
	`id` integer NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `state_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` text NOT NULL,
	`at` integer NOT NULL,
	`level` integer NOT NULL,
	`target_level` integer NOT NULL,
	`level_source` integer NOT NULL,
	`power_mw` integer NOT NULL,
	`reason` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `state_history_device_idx` ON `state_history` (`device_id`,`id`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
