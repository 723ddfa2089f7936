CREATE TABLE `stage_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`key` text NOT NULL,
	`stage` text NOT NULL,
	`tier` text NOT NULL,
	`prompt_version` text NOT NULL,
	`fell_back` integer NOT NULL,
	`output` text NOT NULL,
	`model_call_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`model_call_id`) REFERENCES `model_calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stage_results_unique` ON `stage_results` (`ticket_id`,`key`);--> statement-breakpoint
CREATE TABLE `workers` (
	`id` text PRIMARY KEY NOT NULL,
	`host` text NOT NULL,
	`pid` integer NOT NULL,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`stopped_at` integer
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_review_cards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_review_cards`("id", "ticket_id", "platform", "channel_id", "message_id", "created_at") SELECT "id", "ticket_id", "platform", "channel_id", "message_id", "created_at" FROM `review_cards`;--> statement-breakpoint
DROP TABLE `review_cards`;--> statement-breakpoint
ALTER TABLE `__new_review_cards` RENAME TO `review_cards`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `review_cards_ticket_idx` ON `review_cards` (`ticket_id`,`platform`);--> statement-breakpoint
ALTER TABLE `model_calls` ADD `attempt_id` text;--> statement-breakpoint
ALTER TABLE `model_calls` ADD `owner` text;--> statement-breakpoint
ALTER TABLE `model_calls` ADD `worst_case_usd` real;--> statement-breakpoint
ALTER TABLE `model_calls` ADD `cost_basis` text DEFAULT 'usage' NOT NULL;--> statement-breakpoint
ALTER TABLE `model_calls` ADD `settled_seq` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `model_calls_attempt_unique` ON `model_calls` (`attempt_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `model_calls_settled_unique` ON `model_calls` (`settled_seq`);--> statement-breakpoint
CREATE INDEX `model_calls_in_flight_idx` ON `model_calls` (`outcome`) WHERE outcome = 'in_flight';--> statement-breakpoint
ALTER TABLE `tickets` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `lease_owner` text;--> statement-breakpoint
CREATE INDEX `tickets_lease_idx` ON `tickets` (`lease_owner`) WHERE lease_owner is not null;--> statement-breakpoint
ALTER TABLE `triage_results` ADD `extraction_failed` integer DEFAULT false NOT NULL;