CREATE TABLE "energy_quarantine" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"device_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"start" bigint NOT NULL,
	"duration_s" bigint NOT NULL,
	"energy_mwh" bigint NOT NULL,
	"min_power_mw" bigint NOT NULL,
	"max_power_mw" bigint NOT NULL,
	"avg_power_mw" bigint NOT NULL,
	"burning_s" bigint NOT NULL,
	"avg_level_x10" bigint NOT NULL,
	"received_at" bigint NOT NULL,
	"reason" text NOT NULL,
	"detail" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"decided_at" bigint,
	"decided_by" text
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "energy_quarantine_top" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "energy_quarantine_device_seq" ON "energy_quarantine" USING btree ("device_id","seq");--> statement-breakpoint
CREATE INDEX "energy_quarantine_tenant_idx" ON "energy_quarantine" USING btree ("tenant_id","state","device_id","seq");