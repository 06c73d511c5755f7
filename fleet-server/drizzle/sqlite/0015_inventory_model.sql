CREATE TABLE `cabinets` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text,
	`lat` real,
	`lon` real,
	`pdl` text,
	`contracted_kva` real,
	`tariff` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`decommissioned_at` integer,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `circuits` (
	`tenant_id` text NOT NULL,
	`cabinet_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `cabinet_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `controller_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`device_id` text NOT NULL,
	`pole_id` text NOT NULL,
	`luminaire_id` text NOT NULL,
	`from_at` integer NOT NULL,
	`to_at` integer,
	`end_reason` text,
	`replaced_by` text
);
--> statement-breakpoint
CREATE INDEX `controller_assignments_pole_idx` ON `controller_assignments` (`tenant_id`,`pole_id`,`from_at`);--> statement-breakpoint
CREATE INDEX `controller_assignments_device_idx` ON `controller_assignments` (`device_id`,`to_at`);--> statement-breakpoint
CREATE TABLE `luminaires` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`pole_id` text NOT NULL,
	`model_id` text,
	`nominal_power_w` integer,
	`cct_k` integer,
	`installed_at` integer NOT NULL,
	`removed_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `luminaires_tenant_pole_idx` ON `luminaires` (`tenant_id`,`pole_id`);--> statement-breakpoint
CREATE TABLE `poles` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`lat` real,
	`lon` real,
	`street` text,
	`height_m` real,
	`cabinet_id` text,
	`circuit_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`decommissioned_at` integer,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `poles_tenant_cabinet_idx` ON `poles` (`tenant_id`,`cabinet_id`,`circuit_id`);--> statement-breakpoint
ALTER TABLE `inventory` ADD `pole_id` text;--> statement-breakpoint
ALTER TABLE `inventory` ADD `luminaire_id` text;--> statement-breakpoint
ALTER TABLE `inventory` ADD `retired_at` integer;--> statement-breakpoint
CREATE INDEX `inventory_tenant_retired_idx` ON `inventory` (`tenant_id`,`retired_at`);--> statement-breakpoint
ALTER TABLE `luminaire_models` ADD `flux_lm` integer;--> statement-breakpoint
ALTER TABLE `luminaire_models` ADD `cie_flux_code3_pct` real;--> statement-breakpoint
ALTER TABLE `luminaire_models` ADD `max_power_w` integer;--> statement-breakpoint
ALTER TABLE `luminaire_models` ADD `driver_interface` text;--> statement-breakpoint
-- Today's inventory rows move into the model: a pole per pole reference (or `P-<device id>` without one), a
-- luminaire per row (`L-<device id>`), and the controller's assignment to it since its commissioning.
INSERT OR IGNORE INTO `poles` (`tenant_id`, `id`, `lat`, `lon`, `created_at`, `updated_at`)
  SELECT `tenant_id`, coalesce(`pole_ref`, 'P-' || `device_id`), `lat`, `lon`, `installed_at`, `updated_at` FROM `inventory` ORDER BY `device_id`;--> statement-breakpoint
INSERT OR IGNORE INTO `luminaires` (`tenant_id`, `id`, `pole_id`, `model_id`, `nominal_power_w`, `cct_k`, `installed_at`, `updated_at`)
  SELECT `tenant_id`, 'L-' || `device_id`, coalesce(`pole_ref`, 'P-' || `device_id`), `luminaire_model`, `nominal_power_w`, `cct_k`, `installed_at`, `updated_at` FROM `inventory`;--> statement-breakpoint
INSERT INTO `controller_assignments` (`tenant_id`, `device_id`, `pole_id`, `luminaire_id`, `from_at`)
  SELECT `tenant_id`, `device_id`, coalesce(`pole_ref`, 'P-' || `device_id`), 'L-' || `device_id`, `installed_at` FROM `inventory` ORDER BY `device_id`;--> statement-breakpoint
UPDATE `inventory` SET `pole_id` = coalesce(`pole_ref`, 'P-' || `device_id`), `luminaire_id` = 'L-' || `device_id`;
