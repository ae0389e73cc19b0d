DROP INDEX `trait_values_trait_model_idx`;--> statement-breakpoint
CREATE INDEX `trait_values_trait_model_idx` ON `trait_values` (`trait_id`,`source`,`model_id`,`scenario_id`,`value`);