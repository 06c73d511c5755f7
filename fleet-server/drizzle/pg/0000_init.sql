CREATE TABLE "desired" (
	"device_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"config" jsonb,
	"config_version" bigint DEFAULT 0 NOT NULL,
	"plan_id" bigint DEFAULT 0 NOT NULL,
	"plan_version" bigint DEFAULT 0 NOT NULL,
	"override_id" bigint DEFAULT 0 NOT NULL,
	"override_level" bigint DEFAULT 0 NOT NULL,
	"override_expires_at" bigint DEFAULT 0 NOT NULL,
	"override_fade_s" bigint DEFAULT 0 NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"event_seq" bigint NOT NULL,
	"type" bigint NOT NULL,
	"active" boolean NOT NULL,
	"time" bigint NOT NULL,
	"value" bigint NOT NULL,
	"detail" text NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"hardware_model" text,
	"firmware_version" text,
	"first_seen" bigint NOT NULL,
	"last_seen" bigint NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"boot_count" bigint,
	"last_reset_reason" bigint,
	"last_uplink_seq" bigint,
	"last_downlink_seq" bigint DEFAULT 0 NOT NULL,
	"energy_acked_seq" bigint DEFAULT 0 NOT NULL,
	"config_version" bigint,
	"plan_id" bigint,
	"plan_version" bigint,
	"override_id" bigint,
	"override_expires_at" bigint,
	"clock_status" bigint,
	"level" bigint,
	"target_level" bigint,
	"level_source" bigint,
	"power_mw" bigint,
	"uptime_s" bigint,
	"state_at" bigint
);
--> statement-breakpoint
CREATE TABLE "downlinks" (
	"device_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"sent_at" bigint NOT NULL,
	"ack_status" text DEFAULT 'pending' NOT NULL,
	"ack_detail" text,
	"acked_at" bigint,
	CONSTRAINT "downlinks_device_id_seq_pk" PRIMARY KEY("device_id","seq")
);
--> statement-breakpoint
CREATE TABLE "energy_records" (
	"device_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"tenant_id" text NOT NULL,
	"start" bigint NOT NULL,
	"duration_s" bigint NOT NULL,
	"energy_mwh" bigint NOT NULL,
	"min_power_mw" bigint NOT NULL,
	"max_power_mw" bigint NOT NULL,
	"avg_power_mw" bigint NOT NULL,
	"burning_s" bigint NOT NULL,
	"avg_level_x10" bigint NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"tenant_id" text NOT NULL,
	"group_id" text NOT NULL,
	"device_id" text NOT NULL,
	CONSTRAINT "group_members_tenant_id_group_id_device_id_pk" PRIMARY KEY("tenant_id","group_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "groups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "inventory" (
	"device_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"pole_ref" text,
	"lat" double precision,
	"lon" double precision,
	"group_id" text,
	"luminaire_model" text,
	"nominal_power_w" bigint,
	"cct_k" bigint,
	"installed_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"target" text NOT NULL,
	"level" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"fade_s" bigint NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"tenant_id" text NOT NULL,
	"id" bigint NOT NULL,
	"version" bigint NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "plans_tenant_id_id_version_pk" PRIMARY KEY("tenant_id","id","version")
);
--> statement-breakpoint
CREATE TABLE "state_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"at" bigint NOT NULL,
	"level" bigint NOT NULL,
	"target_level" bigint NOT NULL,
	"level_source" bigint NOT NULL,
	"power_mw" bigint NOT NULL,
	"reason" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "desired_tenant_idx" ON "desired" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "device_events_device_idx" ON "device_events" USING btree ("device_id","id");--> statement-breakpoint
CREATE INDEX "devices_tenant_idx" ON "devices" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "energy_records_device_seq" ON "energy_records" USING btree ("device_id","seq");--> statement-breakpoint
CREATE INDEX "group_members_device_idx" ON "group_members" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "inventory_tenant_idx" ON "inventory" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "state_history_device_idx" ON "state_history" USING btree ("device_id","id");