ALTER TABLE "device_credentials" ADD COLUMN "claim_code_hash" text;--> statement-breakpoint
ALTER TABLE "device_credentials" ADD COLUMN "claimed_at" bigint;