CREATE TABLE "cabinets" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text,
	"lat" double precision,
	"lon" double precision,
	"pdl" text,
	"contracted_kva" double precision,
	"tariff" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"decommissioned_at" bigint,
	CONSTRAINT "cabinets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "circuits" (
	"tenant_id" text NOT NULL,
	"cabinet_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "circuits_tenant_id_cabinet_id_id_pk" PRIMARY KEY("tenant_id","cabinet_id","id")
);
--> statement-breakpoint
CREATE TABLE "controller_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"device_id" text NOT NULL,
	"pole_id" text NOT NULL,
	"luminaire_id" text NOT NULL,
	"from_at" bigint NOT NULL,
	"to_at" bigint,
	"end_reason" text,
	"replaced_by" text
);
--> statement-breakpoint
CREATE TABLE "luminaires" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"pole_id" text NOT NULL,
	"model_id" text,
	"nominal_power_w" bigint,
	"cct_k" bigint,
	"installed_at" bigint NOT NULL,
	"removed_at" bigint,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "luminaires_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "poles" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"street" text,
	"height_m" double precision,
	"cabinet_id" text,
	"circuit_id" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"decommissioned_at" bigint,
	CONSTRAINT "poles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "inventory" ADD COLUMN "pole_id" text;--> statement-breakpoint
ALTER TABLE "inventory" ADD COLUMN "luminaire_id" text;--> statement-breakpoint
ALTER TABLE "inventory" ADD COLUMN "retired_at" bigint;--> statement-breakpoint
ALTER TABLE "luminaire_models" ADD COLUMN "flux_lm" bigint;--> statement-breakpoint
ALTER TABLE "luminaire_models" ADD COLUMN "cie_flux_code3_pct" double precision;--> statement-breakpoint
ALTER TABLE "luminaire_models" ADD COLUMN "max_power_w" bigint;--> statement-breakpoint
ALTER TABLE "luminaire_models" ADD COLUMN "driver_interface" text;--> statement-breakpoint
CREATE INDEX "controller_assignments_pole_idx" ON "controller_assignments" USING btree ("tenant_id","pole_id","from_at");--> statement-breakpoint
CREATE INDEX "controller_assignments_device_idx" ON "controller_assignments" USING btree ("device_id","to_at");--> statement-breakpoint
CREATE INDEX "luminaires_tenant_pole_idx" ON "luminaires" USING btree ("tenant_id","pole_id");--> statement-breakpoint
CREATE INDEX "poles_tenant_cabinet_idx" ON "poles" USING btree ("tenant_id","cabinet_id","circuit_id");--> statement-breakpoint
CREATE INDEX "inventory_tenant_retired_idx" ON "inventory" USING btree ("tenant_id","retired_at");--> statement-breakpoint
-- Today's inventory rows move into the model: a pole per pole reference (or `P-<device id>` without one), a
-- luminaire per row (`L-<device id>`), and the controller's assignment to it since its commissioning.
INSERT INTO "poles" ("tenant_id", "id", "lat", "lon", "created_at", "updated_at")
  SELECT DISTINCT ON ("tenant_id", coalesce("pole_ref", 'P-' || "device_id")) "tenant_id", coalesce("pole_ref", 'P-' || "device_id"), "lat", "lon", "installed_at", "updated_at"
  FROM "inventory" ORDER BY "tenant_id", coalesce("pole_ref", 'P-' || "device_id"), "device_id"
  ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "luminaires" ("tenant_id", "id", "pole_id", "model_id", "nominal_power_w", "cct_k", "installed_at", "updated_at")
  SELECT "tenant_id", 'L-' || "device_id", coalesce("pole_ref", 'P-' || "device_id"), "luminaire_model", "nominal_power_w", "cct_k", "installed_at", "updated_at" FROM "inventory"
  ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "controller_assignments" ("tenant_id", "device_id", "pole_id", "luminaire_id", "from_at")
  SELECT "tenant_id", "device_id", coalesce("pole_ref", 'P-' || "device_id"), 'L-' || "device_id", "installed_at" FROM "inventory" ORDER BY "device_id";--> statement-breakpoint
UPDATE "inventory" SET "pole_id" = coalesce("pole_ref", 'P-' || "device_id"), "luminaire_id" = 'L-' || "device_id";
