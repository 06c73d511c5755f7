CREATE TABLE "alarm_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"alarm_id" bigint NOT NULL,
	"author" text NOT NULL,
	"at" bigint NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarm_digests" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"period_start" bigint NOT NULL,
	"period_end" bigint NOT NULL,
	"alarm_count" bigint NOT NULL,
	"state" text NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	"sent_at" bigint,
	"message_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarm_interventions" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"alarm_id" bigint NOT NULL,
	"done_at" bigint NOT NULL,
	"done_by" text NOT NULL,
	"action" text NOT NULL,
	"parts" jsonb NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contractors" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"archived_at" bigint
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"smtp_host" text NOT NULL,
	"smtp_port" bigint NOT NULL,
	"smtp_tls" text NOT NULL,
	"smtp_user" text,
	"smtp_password" text,
	"from_address" text NOT NULL,
	"recipients" jsonb NOT NULL,
	"period_min" bigint NOT NULL,
	"ui_url" text NOT NULL,
	"since" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "assignee_kind" text;--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "assignee_id" text;--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "assigned_at" bigint;--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "assigned_by" text;--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "cleared_by" text;--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "clear_reason" text;--> statement-breakpoint
ALTER TABLE "alarms" ADD COLUMN "digest_id" bigint;--> statement-breakpoint
CREATE INDEX "alarm_comments_alarm_idx" ON "alarm_comments" USING btree ("tenant_id","alarm_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "alarm_digests_tenant_period_idx" ON "alarm_digests" USING btree ("tenant_id","period_start");--> statement-breakpoint
CREATE INDEX "alarm_digests_state_idx" ON "alarm_digests" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "alarm_interventions_alarm_idx" ON "alarm_interventions" USING btree ("tenant_id","alarm_id","id");--> statement-breakpoint
CREATE INDEX "contractors_tenant_idx" ON "contractors" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "alarms_tenant_digest_idx" ON "alarms" USING btree ("tenant_id","digest_id","id");