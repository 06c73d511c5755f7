CREATE TABLE `alarms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`device_id` text NOT NULL,
	`type` text NOT NULL,
	`severity` text NOT NULL,
	`state` text NOT NULL,
	`raised_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`last_event_at` integer NOT NULL,
	`last_event_seq` integer NOT NULL,
	`value` integer NOT NULL,
	`detail` text NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	`cleared_at` integer
);
--> statement-breakpoint
CREATE INDEX `alarms_tenant_state_idx` ON `alarms` (`tenant_id`,`state`,`id`);--> statement-breakpoint
CREATE INDEX `alarms_device_type_idx` ON `alarms` (`device_id`,`type`,`state`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_secret` ON `api_tokens` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_tenant` ON `api_tokens` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`detail` text,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant` ON `audit_log` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `energy_daily` (
	`tenant_id` text NOT NULL,
	`day` text NOT NULL,
	`device_id` text NOT NULL,
	`energy_mwh` integer NOT NULL,
	`burning_s` integer NOT NULL,
	`level_x10_s` integer NOT NULL,
	`duration_s` integer NOT NULL,
	`dark_s` integer NOT NULL,
	`records` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `day`, `device_id`)
);
--> statement-breakpoint
CREATE INDEX `energy_daily_device_idx` ON `energy_daily` (`device_id`,`day`);--> statement-breakpoint
CREATE TABLE `energy_gaps` (
	`device_id` text NOT NULL,
	`from_seq` integer NOT NULL,
	`to_seq` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`detected_at` integer NOT NULL,
	PRIMARY KEY(`device_id`, `from_seq`)
);
--> statement-breakpoint
CREATE INDEX `energy_gaps_tenant_idx` ON `energy_gaps` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `energy_monthly` (
	`tenant_id` text NOT NULL,
	`month` text NOT NULL,
	`device_id` text NOT NULL,
	`energy_mwh` integer NOT NULL,
	`burning_s` integer NOT NULL,
	`level_x10_s` integer NOT NULL,
	`duration_s` integer NOT NULL,
	`dark_s` integer NOT NULL,
	`records` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `month`, `device_id`)
);
--> statement-breakpoint
CREATE INDEX `energy_monthly_device_idx` ON `energy_monthly` (`device_id`,`month`);--> statement-breakpoint
CREATE TABLE `energy_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`tz` text NOT NULL,
	`tariff_eur_per_kwh` real NOT NULL,
	`emission_g_per_kwh` real NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `group_settings` (
	`tenant_id` text NOT NULL,
	`group_id` text NOT NULL,
	`category` text DEFAULT 'a' NOT NULL,
	`zone` text DEFAULT 'ordinary' NOT NULL,
	`opens_at` text,
	`closes_at` text,
	`plan_id` integer DEFAULT 0 NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `group_id`)
);
--> statement-breakpoint
CREATE TABLE `luminaire_models` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text,
	`cct_k` integer,
	`ulr_pct` real,
	`nominal_w` integer NOT NULL,
	`curve` text DEFAULT 'linear' NOT NULL,
	`min_level` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `plan_meta` (
	`tenant_id` text NOT NULL,
	`plan_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `plan_id`)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `tenant_profiles` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'town' NOT NULL,
	`parent_id` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `tenant_id`)
);
--> statement-breakpoint
CREATE INDEX `user_roles_tenant` ON `user_roles` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`locale` text,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email` ON `users` (`email`);