CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" bigint NOT NULL,
	"acquired_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ota_commands" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"campaign_id" bigint NOT NULL,
	"command" text NOT NULL,
	"requested_at" bigint NOT NULL,
	"applied_at" bigint,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "ota_image_data" (
	"sha256" text PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ota_commands_pending_idx" ON "ota_commands" USING btree ("applied_at","id");