CREATE TABLE `feedback_items` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`text` text NOT NULL,
	`model` text,
	`model_id` text,
	`transcript_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`batch_id` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transcript_id`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_items_key_unique` ON `feedback_items` (`key`);--> statement-breakpoint
CREATE INDEX `feedback_items_model_idx` ON `feedback_items` (`model_id`);--> statement-breakpoint
CREATE INDEX `feedback_items_transcript_idx` ON `feedback_items` (`transcript_id`);--> statement-breakpoint
CREATE INDEX `feedback_items_created_at_idx` ON `feedback_items` (`created_at`);--> statement-breakpoint
CREATE TABLE `theme_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`theme_id` text NOT NULL,
	`draft_run_id` text,
	`scenario_key` text NOT NULL,
	`title` text NOT NULL,
	`system_prompt` text,
	`user_turns` text NOT NULL,
	`good_response` text NOT NULL,
	`failure_looks_like` text NOT NULL,
	`trait` text NOT NULL,
	`rubric` text NOT NULL,
	`fail_threshold` real NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`edited` integer DEFAULT false NOT NULL,
	`decided_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`draft_run_id`) REFERENCES `judge_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `theme_drafts_scenario_key_unique` ON `theme_drafts` (`scenario_key`);--> statement-breakpoint
CREATE INDEX `theme_drafts_theme_idx` ON `theme_drafts` (`theme_id`,`status`);--> statement-breakpoint
CREATE TABLE `theme_edits` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`kind` text NOT NULL,
	`theme_id` text,
	`details` text NOT NULL,
	`user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `theme_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `theme_edits_run_idx` ON `theme_edits` (`run_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `theme_items` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`ref` text NOT NULL,
	`transcript_id` text,
	`feedback_id` text,
	`model_id` text,
	`scenario_id` text,
	`note_status` text DEFAULT 'pending' NOT NULL,
	`note` text,
	`nothing_wrong` integer DEFAULT false NOT NULL,
	`evidence` text DEFAULT '[]' NOT NULL,
	`theme_id` text,
	`confidence` real,
	`assigned_by` text,
	`assigned_at` integer,
	FOREIGN KEY (`run_id`) REFERENCES `theme_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transcript_id`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`feedback_id`) REFERENCES `feedback_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `theme_items_run_ref_unique` ON `theme_items` (`run_id`,`ref`);--> statement-breakpoint
CREATE INDEX `theme_items_run_theme_idx` ON `theme_items` (`run_id`,`theme_id`);--> statement-breakpoint
CREATE INDEX `theme_items_transcript_idx` ON `theme_items` (`transcript_id`);--> statement-breakpoint
CREATE INDEX `theme_items_feedback_idx` ON `theme_items` (`feedback_id`);--> statement-breakpoint
CREATE TABLE `theme_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`selection` text NOT NULL,
	`selection_key` text NOT NULL,
	`version` integer NOT NULL,
	`previous_run_id` text,
	`prompt_version` text NOT NULL,
	`description` text NOT NULL,
	`phase` text NOT NULL,
	`reduce_round` integer DEFAULT 0 NOT NULL,
	`item_count` integer NOT NULL,
	`settings` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`id`) REFERENCES `judge_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `theme_runs_selection_version_unique` ON `theme_runs` (`selection_key`,`version`);--> statement-breakpoint
CREATE INDEX `theme_runs_created_at_idx` ON `theme_runs` (`created_at`);--> statement-breakpoint
CREATE TABLE `themes` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`ref` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`inclusion_criteria` text NOT NULL,
	`origin` text NOT NULL,
	`curated` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`merged_into_id` text,
	`previous_theme_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `theme_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `themes_run_ref_unique` ON `themes` (`run_id`,`ref`);--> statement-breakpoint
CREATE INDEX `themes_previous_idx` ON `themes` (`previous_theme_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_judge_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`transcript_id` text,
	`transcript_b_id` text,
	`shown_order` text,
	`pair_key` text,
	`trait_id` text,
	`rubric_version_id` text,
	`payload` text,
	`result` text,
	`sample_index` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`batch_id` text,
	`custom_id` text,
	`usage` text,
	`cost_usd` real DEFAULT 0 NOT NULL,
	`raw_response` text,
	`repair` text,
	`verdict` text,
	`error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`run_id`) REFERENCES `judge_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transcript_id`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transcript_b_id`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trait_id`) REFERENCES `traits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rubric_version_id`) REFERENCES `rubric_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_judge_jobs`("id", "run_id", "key", "kind", "transcript_id", "transcript_b_id", "shown_order", "pair_key", "trait_id", "rubric_version_id", "sample_index", "status", "attempts", "lease_owner", "lease_expires_at", "batch_id", "custom_id", "usage", "cost_usd", "raw_response", "repair", "verdict", "error", "created_at", "updated_at", "finished_at") SELECT "id", "run_id", "key", "kind", "transcript_id", "transcript_b_id", "shown_order", "pair_key", "trait_id", "rubric_version_id", "sample_index", "status", "attempts", "lease_owner", "lease_expires_at", "batch_id", "custom_id", "usage", "cost_usd", "raw_response", "repair", "verdict", "error", "created_at", "updated_at", "finished_at" FROM `judge_jobs`;--> statement-breakpoint
DROP TABLE `judge_jobs`;--> statement-breakpoint
ALTER TABLE `__new_judge_jobs` RENAME TO `judge_jobs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `judge_jobs_key_unique` ON `judge_jobs` (`key`);--> statement-breakpoint
CREATE INDEX `judge_jobs_run_status_idx` ON `judge_jobs` (`run_id`,`status`);--> statement-breakpoint
CREATE INDEX `judge_jobs_status_lease_idx` ON `judge_jobs` (`status`,`lease_expires_at`);--> statement-breakpoint
CREATE INDEX `judge_jobs_batch_idx` ON `judge_jobs` (`batch_id`);--> statement-breakpoint
CREATE INDEX `judge_jobs_pair_idx` ON `judge_jobs` (`pair_key`);--> statement-breakpoint
CREATE INDEX `judge_jobs_transcript_idx` ON `judge_jobs` (`transcript_id`);--> statement-breakpoint
ALTER TABLE `judge_runs` ADD `kind` text DEFAULT 'judge' NOT NULL;--> statement-breakpoint
CREATE INDEX `judge_runs_kind_created_idx` ON `judge_runs` (`kind`,`created_at`);