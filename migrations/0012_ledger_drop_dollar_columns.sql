ALTER TABLE `model_calls` DROP COLUMN `cost_usd`;--> statement-breakpoint
ALTER TABLE `model_calls` DROP COLUMN `estimated_cost_usd`;--> statement-breakpoint
ALTER TABLE `model_calls` DROP COLUMN `worst_case_usd`;