DROP INDEX "energy_gaps_tenant_idx";--> statement-breakpoint
ALTER TABLE "energy_gaps" ADD COLUMN "state" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
CREATE INDEX "energy_gaps_tenant_idx" ON "energy_gaps" USING btree ("tenant_id","state");