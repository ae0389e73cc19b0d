CREATE TABLE `label_queues` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`traits` text NOT NULL,
	`selection` text NOT NULL,
	`overlap` integer NOT NULL,
	`blind` integer NOT NULL,
	`pairwise` integer NOT NULL,
	`instructions` text DEFAULT '' NOT NULL,
	`shown_metadata_keys` text DEFAULT '[]' NOT NULL,
	`adjudication_margin` real DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `label_queues_created_at_idx` ON `label_queues` (`created_at`);--> statement-breakpoint
CREATE TABLE `queue_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`queue_id` text NOT NULL,
	`item_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`lease_expires_at` integer,
	`shown_order` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`time_spent_ms` integer,
	FOREIGN KEY (`queue_id`) REFERENCES `label_queues`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `queue_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `queue_assignments_item_user_unique` ON `queue_assignments` (`item_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `queue_assignments_queue_user_idx` ON `queue_assignments` (`queue_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `queue_assignments_item_status_idx` ON `queue_assignments` (`item_id`,`status`,`lease_expires_at`);--> statement-breakpoint
CREATE TABLE `queue_items` (
	`id` text PRIMARY KEY NOT NULL,
	`queue_id` text NOT NULL,
	`position` integer NOT NULL,
	`transcript_id` text NOT NULL,
	`transcript_b_id` text,
	`scenario_id` text NOT NULL,
	`gold` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `label_queues`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transcript_id`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transcript_b_id`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `queue_items_queue_position_idx` ON `queue_items` (`queue_id`,`position`);--> statement-breakpoint
CREATE TABLE `queue_labelers` (
	`queue_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`queue_id`, `user_id`),
	FOREIGN KEY (`queue_id`) REFERENCES `label_queues`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `queue_labelers_user_idx` ON `queue_labelers` (`user_id`);--> statement-breakpoint
ALTER TABLE `comparisons` ADD `label_queue_id` text;--> statement-breakpoint
ALTER TABLE `comparisons` ADD `queue_item_id` text;--> statement-breakpoint
ALTER TABLE `comparisons` ADD `status` text DEFAULT 'valid' NOT NULL;--> statement-breakpoint
ALTER TABLE `comparisons` ADD `supersedes` text;--> statement-breakpoint
ALTER TABLE `scores` ADD `label_queue_id` text;--> statement-breakpoint
ALTER TABLE `scores` ADD `queue_item_id` text;--> statement-breakpoint
ALTER TABLE `scores` ADD `adjudicated` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `scores_queue_item_idx` ON `scores` (`queue_item_id`);--> statement-breakpoint
ALTER TABLE `trait_values` ADD `adjudicated` integer DEFAULT false NOT NULL;