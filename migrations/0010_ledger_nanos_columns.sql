ALTER TABLE `model_calls` ADD `cost_nanos` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `model_calls` ADD `estimated_cost_nanos` integer;--> statement-breakpoint
ALTER TABLE `model_calls` ADD `worst_case_nanos` integer;