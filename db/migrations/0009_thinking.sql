ALTER TABLE `messages` ADD `thinking_blocks` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `thinking_chars` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `redacted_thinking_blocks` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `interleaved_thinking_blocks` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `thinking_tokens` integer;--> statement-breakpoint
-- Only assistant messages with content blocks can think (server/thinking/measure.ts): every other row measures
-- zero here; the rest are measured by that code on start.
UPDATE `messages` SET `thinking_blocks` = 0 WHERE `role` <> 'assistant' OR json_type(`content`) <> 'array';
