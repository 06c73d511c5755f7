CREATE TABLE "traffic_profiles" (
	"device_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"received_at" bigint NOT NULL,
	"sent_at" bigint NOT NULL,
	"weeks" bigint NOT NULL,
	"cell_minutes" bigint NOT NULL,
	"watched_cells" bigint NOT NULL,
	"cells" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "traffic_profiles_tenant_idx" ON "traffic_profiles" USING btree ("tenant_id");