DROP INDEX "devices_tenant_firmware_idx";--> statement-breakpoint
CREATE INDEX "devices_tenant_firmware_state_idx" ON "devices" USING btree ("tenant_id","firmware_version","online","level","id");--> statement-breakpoint
CREATE INDEX "devices_tenant_state_idx" ON "devices" USING btree ("tenant_id","online","level","id");