CREATE TABLE `app_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `trait_values` (
	`transcript_id` text NOT NULL,
	`trait_id` text NOT NULL,
	`source` text NOT NULL,
	`model_id` text NOT NULL,
	`scenario_id` text NOT NULL,
	`value` real,
	`category` text,
	`raters` integer NOT NULL,
	`ranges` integer NOT NULL,
	`spread` real,
	`na` integer NOT NULL,
	`invalid` integer NOT NULL,
	`failed` integer NOT NULL,
	`superseded` integer NOT NULL,
	PRIMARY KEY(`transcript_id`, `trait_id`, `source`),
	FOREIGN KEY (`transcript_id`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trait_id`) REFERENCES `traits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trait_values_trait_value_idx` ON `trait_values` (`trait_id`,`source`,`value`);--> statement-breakpoint
CREATE INDEX `trait_values_trait_model_idx` ON `trait_values` (`trait_id`,`source`,`model_id`,`scenario_id`);