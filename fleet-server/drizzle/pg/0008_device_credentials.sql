CREATE TABLE "device_credentials" (
	"device_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"key_generation" bigint NOT NULL,
	"mqtt_password_hash" text NOT NULL,
	"hardware_model" text,
	"provisioned_at" bigint NOT NULL,
	"revoked_at" bigint
);
--> statement-breakpoint
CREATE INDEX "device_credentials_tenant_idx" ON "device_credentials" USING btree ("tenant_id");