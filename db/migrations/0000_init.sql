CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`scopes` text NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`action` text NOT NULL,
	`target` text,
	`details` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_created_at_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_user_idx` ON `audit_log` (`user_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`format` text NOT NULL,
	`inserted` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`errors` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `models` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`family` text,
	`release_date` text,
	`notes` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `models_name_unique` ON `models` (`name`);--> statement-breakpoint
CREATE TABLE `scenarios` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`title` text,
	`category` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenarios_key_unique` ON `scenarios` (`key`);--> statement-breakpoint
CREATE INDEX `scenarios_category_idx` ON `scenarios` (`category`);--> statement-breakpoint
CREATE TABLE `comparisons` (
	`id` text PRIMARY KEY NOT NULL,
	`transcript_a` text NOT NULL,
	`transcript_b` text NOT NULL,
	`trait_id` text NOT NULL,
	`rubric_version_id` text,
	`source` text NOT NULL,
	`winner` text NOT NULL,
	`shown_order` text DEFAULT 'ab' NOT NULL,
	`rationale` text,
	`judge_run_id` text,
	`labeler` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`transcript_a`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transcript_b`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trait_id`) REFERENCES `traits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rubric_version_id`) REFERENCES `rubric_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comparisons_a_idx` ON `comparisons` (`transcript_a`);--> statement-breakpoint
CREATE INDEX `comparisons_b_idx` ON `comparisons` (`transcript_b`);--> statement-breakpoint
CREATE INDEX `comparisons_trait_idx` ON `comparisons` (`trait_id`);--> statement-breakpoint
CREATE TABLE `scores` (
	`id` text PRIMARY KEY NOT NULL,
	`transcript_id` text NOT NULL,
	`trait_id` text NOT NULL,
	`rubric_version_id` text,
	`source` text NOT NULL,
	`status` text DEFAULT 'valid' NOT NULL,
	`value` real,
	`category` text,
	`na_reason` text,
	`turn_start` integer,
	`turn_end` integer,
	`evidence` text DEFAULT '[]' NOT NULL,
	`rationale` text,
	`sample_index` integer DEFAULT 0 NOT NULL,
	`judge_run_id` text,
	`labeler` text,
	`supersedes` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`transcript_id`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trait_id`) REFERENCES `traits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rubric_version_id`) REFERENCES `rubric_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scores_transcript_trait_idx` ON `scores` (`transcript_id`,`trait_id`);--> statement-breakpoint
CREATE INDEX `scores_trait_value_idx` ON `scores` (`trait_id`,`value`);--> statement-breakpoint
CREATE INDEX `scores_source_idx` ON `scores` (`source`);--> statement-breakpoint
CREATE INDEX `scores_judge_run_idx` ON `scores` (`judge_run_id`);--> statement-breakpoint
CREATE TABLE `rubric_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`trait_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`front_matter` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`trait_id`) REFERENCES `traits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rubric_versions_trait_hash_unique` ON `rubric_versions` (`trait_id`,`content_hash`);--> statement-breakpoint
CREATE TABLE `traits` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`polarity` text DEFAULT 'neutral' NOT NULL,
	`scale` text,
	`unit` text DEFAULT 'transcript' NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `traits_slug_unique` ON `traits` (`slug`);--> statement-breakpoint
CREATE INDEX `traits_source_idx` ON `traits` (`source`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`transcript_id` text NOT NULL,
	`idx` integer NOT NULL,
	`role` text NOT NULL,
	`content` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`transcript_id`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_transcript_idx_unique` ON `messages` (`transcript_id`,`idx`);--> statement-breakpoint
CREATE TABLE `transcript_tags` (
	`transcript_id` text NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`transcript_id`, `tag`),
	FOREIGN KEY (`transcript_id`) REFERENCES `transcripts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `transcript_tags_tag_idx` ON `transcript_tags` (`tag`,`transcript_id`);--> statement-breakpoint
CREATE TABLE `transcripts` (
	`id` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`scenario_id` text NOT NULL,
	`sample_index` integer DEFAULT 0 NOT NULL,
	`system_prompt` text,
	`metadata` text DEFAULT '{}' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`batch_id` text,
	`message_count` integer NOT NULL,
	`input_tokens` integer,
	`output_tokens` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transcripts_source_external_id_unique` ON `transcripts` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `transcripts_model_idx` ON `transcripts` (`model_id`,`id`);--> statement-breakpoint
CREATE INDEX `transcripts_scenario_idx` ON `transcripts` (`scenario_id`,`id`);--> statement-breakpoint
CREATE INDEX `transcripts_content_hash_idx` ON `transcripts` (`content_hash`);--> statement-breakpoint
CREATE INDEX `transcripts_batch_idx` ON `transcripts` (`batch_id`);--> statement-breakpoint
CREATE INDEX `transcripts_created_at_idx` ON `transcripts` (`created_at`);