-- Custom migration (drizzle-kit generate --custom): the knowledge base.
-- drizzle cannot express FTS5 virtual tables, so these tables stay out of
-- src/store/schema.ts and src/kb/ reads and writes them with prepared
-- statements. Times are epoch milliseconds, as everywhere else.
--
-- kb_files: one row per indexed file, so a re-index touches only files whose
-- content hash changed and drops the passages of files that are gone.
CREATE TABLE `kb_files` (
	`source` text PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`mtime_ms` integer NOT NULL,
	`indexed_at` integer NOT NULL
);
--> statement-breakpoint
-- kb_passages: one row per passage (a section under a heading, or a chunk of a
-- long one); `title` is the file's, searched too, so a section "Eligibility"
-- under "Refund policy" is found by "refund".
CREATE TABLE `kb_passages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL REFERENCES `kb_files`(`source`) ON DELETE CASCADE,
	`title` text NOT NULL,
	`heading` text NOT NULL,
	`language` text NOT NULL,
	`url` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`text` text NOT NULL,
	`file_hash` text NOT NULL,
	`indexed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `kb_passages_source_idx` ON `kb_passages` (`source`);
--> statement-breakpoint
-- The full-text index over heading, the file's title, tags and text, with
-- external content (the text is stored once, in kb_passages).
-- remove_diacritics 2 lets "loschen" find "löschen" and "facturacion" find
-- "facturación".
CREATE VIRTUAL TABLE `kb_passages_fts` USING fts5(
	heading,
	title,
	tags,
	text,
	content = 'kb_passages',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Triggers keep the index in step with kb_passages, whoever writes it
-- (including the cascade when a file row is deleted).
CREATE TRIGGER `kb_passages_after_insert` AFTER INSERT ON `kb_passages` BEGIN
	INSERT INTO `kb_passages_fts` (rowid, heading, title, tags, text) VALUES (new.id, new.heading, new.title, new.tags, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_passages_after_delete` AFTER DELETE ON `kb_passages` BEGIN
	INSERT INTO `kb_passages_fts` (`kb_passages_fts`, rowid, heading, title, tags, text) VALUES ('delete', old.id, old.heading, old.title, old.tags, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER `kb_passages_after_update` AFTER UPDATE ON `kb_passages` BEGIN
	INSERT INTO `kb_passages_fts` (`kb_passages_fts`, rowid, heading, title, tags, text) VALUES ('delete', old.id, old.heading, old.title, old.tags, old.text);
	INSERT INTO `kb_passages_fts` (rowid, heading, title, tags, text) VALUES (new.id, new.heading, new.title, new.tags, new.text);
END;
--> statement-breakpoint
-- kb_gaps: tickets whose retrieval found nothing relevant, grouped by topic
-- for the weekly report and `npm run kb:gaps`. One row per ticket and topic,
-- so a retried stage does not count a ticket twice.
CREATE TABLE `kb_gaps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` integer NOT NULL,
	`topic` text NOT NULL,
	`query` text NOT NULL,
	`language` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kb_gaps_ticket_topic_unique` ON `kb_gaps` (`ticket_id`, `topic`);
--> statement-breakpoint
CREATE INDEX `kb_gaps_created_idx` ON `kb_gaps` (`created_at`);
