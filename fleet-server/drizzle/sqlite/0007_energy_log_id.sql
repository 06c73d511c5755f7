ALTER TABLE `devices` ADD `energy_log_id` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `devices` ADD `energy_seq_base` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `devices` ADD `energy_prev_log_id` integer DEFAULT 0 NOT NULL;