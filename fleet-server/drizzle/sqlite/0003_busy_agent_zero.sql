CREATE TABLE `ota_campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`image_id` integer NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`target` text NOT NULL,
	`window_start_min` integer DEFAULT 0 NOT NULL,
	`window_end_min` integer DEFAULT 0 NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ota_campaigns_tenant_idx` ON `ota_campaigns` (`tenant_id`,`status`);--> statement-breakpoint
CREATE TABLE `ota_images` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`version` text NOT NULL,
	`kind` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`hardware_models` text NOT NULL,
	`min_version` text,
	`requires_host` text,
	`release_notes` text,
	`key_id` integer NOT NULL,
	`manifest` text NOT NULL,
	`signature` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ota_images_tenant_version_kind_idx` ON `ota_images` (`tenant_id`,`version`,`kind`);