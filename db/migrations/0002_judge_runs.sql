CREATE TABLE `judge_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`transcript_id` text NOT NULL,
	`transcript_b_id` text,
	`shown_order` text,
	`pair_key` text,
	`trait_id` text NOT NULL,
	`rubric_version_id` text NOT NULL,
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
CREATE UNIQUE INDEX `judge_jobs_key_unique` ON `judge_jobs` (`key`);--> statement-breakpoint
CREATE INDEX `judge_jobs_run_status_idx` ON `judge_jobs` (`run_id`,`status`);--> statement-breakpoint
CREATE INDEX `judge_jobs_status_lease_idx` ON `judge_jobs` (`status`,`lease_expires_at`);--> statement-breakpoint
CREATE INDEX `judge_jobs_batch_idx` ON `judge_jobs` (`batch_id`);--> statement-breakpoint
CREATE INDEX `judge_jobs_pair_idx` ON `judge_jobs` (`pair_key`);--> statement-breakpoint
CREATE INDEX `judge_jobs_transcript_idx` ON `judge_jobs` (`transcript_id`);--> statement-breakpoint
CREATE TABLE `judge_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`judge_model` text NOT NULL,
	`traits` text NOT NULL,
	`selection` text NOT NULL,
	`samples` integer DEFAULT 1 NOT NULL,
	`temperature` real,
	`mode` text NOT NULL,
	`pairwise` integer DEFAULT false NOT NULL,
	`budget_usd` real NOT NULL,
	`status` text NOT NULL,
	`job_count` integer NOT NULL,
	`cost_usd` real DEFAULT 0 NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`cache_write_tokens` integer DEFAULT 0 NOT NULL,
	`cache_read_tokens` integer DEFAULT 0 NOT NULL,
	`estimate` text NOT NULL,
	`error` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `judge_runs_status_idx` ON `judge_runs` (`status`);--> statement-breakpoint
CREATE INDEX `judge_runs_created_at_idx` ON `judge_runs` (`created_at`);