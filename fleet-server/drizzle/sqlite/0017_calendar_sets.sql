CREATE TABLE `calendar_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`alsace_moselle` integer DEFAULT false NOT NULL,
	`school_imported_at` integer,
	`school_source` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `school_holidays` (
	`tenant_id` text NOT NULL,
	`zone` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`description` text NOT NULL,
	`school_year` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `zone`, `start_date`)
);
