DROP INDEX "devices_tenant_idx";--> statement-breakpoint
DROP INDEX "inventory_tenant_idx";--> statement-breakpoint
CREATE INDEX "devices_tenant_id_idx" ON "devices" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "inventory_tenant_device_idx" ON "inventory" USING btree ("tenant_id","device_id");