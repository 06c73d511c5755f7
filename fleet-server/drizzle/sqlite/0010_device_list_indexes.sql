DROP INDEX `devices_tenant_idx`;--> statement-breakpoint
CREATE INDEX `devices_tenant_id_idx` ON `devices` (`tenant_id`,`id`);--> statement-breakpoint
DROP INDEX `inventory_tenant_idx`;--> statement-breakpoint
CREATE INDEX `inventory_tenant_device_idx` ON `inventory` (`tenant_id`,`device_id`);