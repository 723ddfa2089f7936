CREATE TABLE `sla_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`clock` text NOT NULL,
	`period` integer NOT NULL,
	`kind` text NOT NULL,
	`destination` text NOT NULL,
	`status` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`settled_at` integer,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sla_alerts_unique` ON `sla_alerts` (`ticket_id`,`clock`,`period`,`kind`,`destination`);--> statement-breakpoint
CREATE TABLE `ticket_sla` (
	`ticket_id` integer PRIMARY KEY NOT NULL,
	`urgency` text,
	`opened_at` integer NOT NULL,
	`response_period` integer DEFAULT 1 NOT NULL,
	`response_started_at` integer NOT NULL,
	`first_response_warn_at` integer,
	`first_response_due_at` integer,
	`first_responded_at` integer,
	`warned_first` integer DEFAULT false NOT NULL,
	`breached_first` integer DEFAULT false NOT NULL,
	`first_reply_at` integer,
	`responses_met` integer DEFAULT 0 NOT NULL,
	`responses_breached` integer DEFAULT 0 NOT NULL,
	`resolution_warn_at` integer,
	`resolution_due_at` integer,
	`resolved_at` integer,
	`resolution_paused_ms` integer DEFAULT 0 NOT NULL,
	`warned_resolution` integer DEFAULT false NOT NULL,
	`breached_resolution` integer DEFAULT false NOT NULL,
	`next_alert_at` integer,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_sla_next_alert_idx` ON `ticket_sla` (`next_alert_at`);--> statement-breakpoint
CREATE INDEX `ticket_sla_opened_idx` ON `ticket_sla` (`opened_at`);--> statement-breakpoint
ALTER TABLE `drafts` ADD `sources` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `drafts` ADD `grounding` text;