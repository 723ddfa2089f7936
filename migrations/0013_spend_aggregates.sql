CREATE TABLE `ticket_spend` (
	`ticket_id` integer PRIMARY KEY NOT NULL,
	`opened_at` integer NOT NULL,
	`calls` integer DEFAULT 0 NOT NULL,
	`second_opinion_calls` integer DEFAULT 0 NOT NULL,
	`cost_nanos` integer DEFAULT 0 NOT NULL,
	`estimated_cost_nanos` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ticket_spend_opened_idx` ON `ticket_spend` (`opened_at`,`cost_nanos`,`estimated_cost_nanos`,`calls`);--> statement-breakpoint
DROP INDEX `tickets_created_idx`;--> statement-breakpoint
CREATE INDEX `tickets_created_idx` ON `tickets` (`created_at`,`status`,`urgency`);--> statement-breakpoint
CREATE INDEX `routing_decisions_created_idx` ON `routing_decisions` (`created_at`);