CREATE TABLE "alarms" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"device_id" text NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"state" text NOT NULL,
	"raised_at" bigint NOT NULL,
	"received_at" bigint NOT NULL,
	"last_event_at" bigint NOT NULL,
	"last_event_seq" bigint NOT NULL,
	"value" bigint NOT NULL,
	"detail" text NOT NULL,
	"acknowledged_at" bigint,
	"acknowledged_by" text,
	"cleared_at" bigint
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" bigint,
	"created_at" bigint NOT NULL,
	"expires_at" bigint,
	"last_used_at" bigint,
	"revoked_at" bigint
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"at" bigint NOT NULL,
	"actor" text NOT NULL,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"target" text NOT NULL,
	"detail" jsonb,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "energy_daily" (
	"tenant_id" text NOT NULL,
	"day" text NOT NULL,
	"device_id" text NOT NULL,
	"energy_mwh" bigint NOT NULL,
	"burning_s" bigint NOT NULL,
	"level_x10_s" bigint NOT NULL,
	"duration_s" bigint NOT NULL,
	"dark_s" bigint NOT NULL,
	"records" bigint NOT NULL,
	CONSTRAINT "energy_daily_tenant_id_day_device_id_pk" PRIMARY KEY("tenant_id","day","device_id")
);
--> statement-breakpoint
CREATE TABLE "energy_gaps" (
	"device_id" text NOT NULL,
	"from_seq" bigint NOT NULL,
	"to_seq" bigint NOT NULL,
	"tenant_id" text NOT NULL,
	"detected_at" bigint NOT NULL,
	CONSTRAINT "energy_gaps_device_id_from_seq_pk" PRIMARY KEY("device_id","from_seq")
);
--> statement-breakpoint
CREATE TABLE "energy_monthly" (
	"tenant_id" text NOT NULL,
	"month" text NOT NULL,
	"device_id" text NOT NULL,
	"energy_mwh" bigint NOT NULL,
	"burning_s" bigint NOT NULL,
	"level_x10_s" bigint NOT NULL,
	"duration_s" bigint NOT NULL,
	"dark_s" bigint NOT NULL,
	"records" bigint NOT NULL,
	CONSTRAINT "energy_monthly_tenant_id_month_device_id_pk" PRIMARY KEY("tenant_id","month","device_id")
);
--> statement-breakpoint
CREATE TABLE "energy_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"tz" text NOT NULL,
	"tariff_eur_per_kwh" double precision NOT NULL,
	"emission_g_per_kwh" double precision NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_settings" (
	"tenant_id" text NOT NULL,
	"group_id" text NOT NULL,
	"category" text DEFAULT 'a' NOT NULL,
	"zone" text DEFAULT 'ordinary' NOT NULL,
	"opens_at" text,
	"closes_at" text,
	"plan_id" bigint DEFAULT 0 NOT NULL,
	"priority" bigint DEFAULT 0 NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "group_settings_tenant_id_group_id_pk" PRIMARY KEY("tenant_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "luminaire_models" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text,
	"cct_k" bigint,
	"ulr_pct" double precision,
	"nominal_w" bigint NOT NULL,
	"curve" text DEFAULT 'linear' NOT NULL,
	"min_level" bigint DEFAULT 0 NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "luminaire_models_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_meta" (
	"tenant_id" text NOT NULL,
	"plan_id" bigint NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "plan_meta_tenant_id_plan_id_pk" PRIMARY KEY("tenant_id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_profiles" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'town' NOT NULL,
	"parent_id" text,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"user_id" bigint NOT NULL,
	"tenant_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "user_roles_user_id_tenant_id_pk" PRIMARY KEY("user_id","tenant_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"locale" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "alarms_tenant_state_idx" ON "alarms" USING btree ("tenant_id","state","id");--> statement-breakpoint
CREATE INDEX "alarms_device_type_idx" ON "alarms" USING btree ("device_id","type","state");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_secret" ON "api_tokens" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_tenant" ON "api_tokens" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant" ON "audit_log" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "energy_daily_device_idx" ON "energy_daily" USING btree ("device_id","day");--> statement-breakpoint
CREATE INDEX "energy_gaps_tenant_idx" ON "energy_gaps" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "energy_monthly_device_idx" ON "energy_monthly" USING btree ("device_id","month");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_roles_tenant" ON "user_roles" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email" ON "users" USING btree ("email");