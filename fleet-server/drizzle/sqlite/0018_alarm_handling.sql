CREATE TABLE `alarm_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`alarm_id` integer NOT NULL,
	`author` text NOT NULL,
	`at` integer NOT NULL,
	`text` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alarm_comments_alarm_idx` ON `alarm_comments` (`tenant_id`,`alarm_id`,`id`);--> statement-breakpoint
CREATE TABLE `alarm_digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`alarm_count` integer NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`message_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alarm_digests_tenant_period_idx` ON `alarm_digests` (`tenant_id`,`period_start`);--> statement-breakpoint
CREATE INDEX `alarm_digests_state_idx` ON `alarm_digests` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `alarm_interventions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`alarm_id` integer NOT NULL,
	`done_at` integer NOT NULL,
	`done_by` text NOT NULL,
	`action` text NOT NULL,
	`parts` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alarm_interventions_alarm_idx` ON `alarm_interventions` (`tenant_id`,`alarm_id`,`id`);--> statement-breakpoint
CREATE TABLE `contractors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`archived_at` integer
);
--> statement-breakpoint
CREATE INDEX `contractors_tenant_idx` ON `contractors` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`smtp_host` text NOT NULL,
	`smtp_port` integer NOT NULL,
	`smtp_tls` text NOT NULL,
	`smtp_user` text,
	`smtp_password` text,
	`from_address` text NOT NULL,
	`recipients` text NOT NULL,
	`period_min` integer NOT NULL,
	`ui_url` text NOT NULL,
	`since` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `alarms` ADD `assignee_kind` text;--> statement-breakpoint
ALTER TABLE `alarms` ADD `assignee_id` text;--> statement-breakpoint
ALTER TABLE `alarms` ADD `assigned_at` integer;--> statement-breakpoint
ALTER TABLE `alarms` ADD `assigned_by` text;--> statement-breakpoint
ALTER TABLE `alarms` ADD `cleared_by` text;--> statement-breakpoint
ALTER TABLE `alarms` ADD `clear_reason` text;--> statement-breakpoint
ALTER TABLE `alarms` ADD `digest_id` integer;--> statement-breakpoint
CREATE INDEX `alarms_tenant_digest_idx` ON `alarms` (`tenant_id`,`digest_id`,`id`);