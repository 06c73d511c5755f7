DROP INDEX `energy_gaps_tenant_idx`;--> statement-breakpoint
ALTER TABLE `energy_gaps` ADD `state` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
CREATE INDEX `energy_gaps_tenant_idx` ON `energy_gaps` (`tenant_id`,`state`);