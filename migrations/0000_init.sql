CREATE TABLE `drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`source` text NOT NULL,
	`text` text NOT NULL,
	`language` text NOT NULL,
	`confidence` real,
	`prompt_version` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drafts_ticket_idx` ON `drafts` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`direction` text NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`platform_message_id` text,
	`author_id` text NOT NULL,
	`text` text NOT NULL,
	`raw` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`edited_at` integer,
	`deleted_at` integer,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_platform_unique` ON `messages` (`platform`,`channel_id`,`platform_message_id`);--> statement-breakpoint
CREATE INDEX `messages_ticket_idx` ON `messages` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `model_calls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer,
	`stage` text NOT NULL,
	`tier` text NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`request_id` text,
	`prompt_name` text NOT NULL,
	`prompt_version` text NOT NULL,
	`input_tokens` integer NOT NULL,
	`cached_input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`reasoning_tokens` integer NOT NULL,
	`cost_usd` real NOT NULL,
	`estimated_cost_usd` real,
	`price_version` text NOT NULL,
	`latency_ms` integer NOT NULL,
	`outcome` text NOT NULL,
	`error_message` text,
	`raw_usage` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `model_calls_ticket_idx` ON `model_calls` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `model_calls_created_idx` ON `model_calls` (`created_at`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`draft_id` integer,
	`reviewer` text NOT NULL,
	`reviewer_kind` text NOT NULL,
	`action` text NOT NULL,
	`edited_text` text,
	`reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`draft_id`) REFERENCES `drafts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_ticket_idx` ON `reviews` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `routing_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`route` text NOT NULL,
	`reasons` text NOT NULL,
	`decided_by` text NOT NULL,
	`prompt_versions` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `routing_decisions_ticket_idx` ON `routing_decisions` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_events_ticket_idx` ON `ticket_events` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`customer_name` text,
	`subject` text,
	`status` text NOT NULL,
	`status_reason` text,
	`urgency` text,
	`category` text,
	`language` text,
	`sentiment` text,
	`summary` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_thread_unique` ON `tickets` (`platform`,`channel_id`,`thread_id`);--> statement-breakpoint
CREATE INDEX `tickets_status_idx` ON `tickets` (`status`);--> statement-breakpoint
CREATE INDEX `tickets_created_idx` ON `tickets` (`created_at`);--> statement-breakpoint
CREATE TABLE `triage_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`classified_by` text NOT NULL,
	`urgency` text NOT NULL,
	`category` text NOT NULL,
	`language` text NOT NULL,
	`sentiment` text NOT NULL,
	`risk_flags` text NOT NULL,
	`needs_reply` integer NOT NULL,
	`confidence` real NOT NULL,
	`fields` text NOT NULL,
	`prompt_versions` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `triage_results_ticket_idx` ON `triage_results` (`ticket_id`);