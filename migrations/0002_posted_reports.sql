CREATE TABLE `posted_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`period_key` text NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`status` text NOT NULL,
	`message_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`posted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posted_reports_unique` ON `posted_reports` (`kind`,`period_key`,`platform`,`channel_id`);