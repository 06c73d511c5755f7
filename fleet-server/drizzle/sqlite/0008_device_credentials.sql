CREATE TABLE `device_credentials` (
	`device_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key_generation` integer NOT NULL,
	`mqtt_password_hash` text NOT NULL,
	`hardware_model` text,
	`provisioned_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `device_credentials_tenant_idx` ON `device_credentials` (`tenant_id`);