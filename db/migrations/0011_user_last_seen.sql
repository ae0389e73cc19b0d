ALTER TABLE `users` ADD `last_seen_at` integer;--> statement-breakpoint
-- What the sessions still know; sessions ended before this migration took their last activity with them.
UPDATE `users` SET `last_seen_at` = (SELECT max(`last_seen_at`) FROM `sessions` WHERE `sessions`.`user_id` = `users`.`id` AND `sessions`.`last_seen_at` > 0);
