CREATE TABLE "device_clo" (
	"device_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"received_at" bigint NOT NULL,
	"drive_permille" bigint NOT NULL,
	"led_hours" bigint NOT NULL,
	"saved_mwh" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "luminaire_models" ADD COLUMN "clo_lxx_pct" bigint;--> statement-breakpoint
ALTER TABLE "luminaire_models" ADD COLUMN "clo_rated_h" bigint;--> statement-breakpoint
CREATE INDEX "device_clo_tenant_idx" ON "device_clo" USING btree ("tenant_id");