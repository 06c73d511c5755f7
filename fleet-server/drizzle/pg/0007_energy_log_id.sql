ALTER TABLE "devices" ADD COLUMN "energy_log_id" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "energy_seq_base" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "energy_prev_log_id" bigint DEFAULT 0 NOT NULL;