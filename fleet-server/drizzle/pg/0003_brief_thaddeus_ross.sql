CREATE TABLE "ota_campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"image_id" bigint NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"target" jsonb NOT NULL,
	"window_start_min" bigint DEFAULT 0 NOT NULL,
	"window_end_min" bigint DEFAULT 0 NOT NULL,
	"state" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ota_images" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"version" text NOT NULL,
	"kind" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"hardware_models" jsonb NOT NULL,
	"min_version" text,
	"requires_host" text,
	"release_notes" text,
	"key_id" bigint NOT NULL,
	"manifest" text NOT NULL,
	"signature" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ota_campaigns_tenant_idx" ON "ota_campaigns" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "ota_images_tenant_version_kind_idx" ON "ota_images" USING btree ("tenant_id","version","kind");