-- Custom migration (drizzle-kit generate --custom): two more running
-- aggregates, kept by triggers, so a report over a week of 200,000 tickets
-- reads a few thousand rows (src/store/sqlite/ticket-counts.ts and
-- spend-repository.ts read them with plain SQL).
--
-- ticket_count_buckets: tickets per quarter hour they were opened in (UTC
-- epoch), by their status and urgency now ('' before triage). A ticket moves
-- between rows as its status or urgency changes, so the counts are always
-- those of today.
CREATE TABLE `ticket_count_buckets` (
	`starts_at` integer NOT NULL,
	`status` text NOT NULL,
	`urgency` text NOT NULL,
	`tickets` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY (`starts_at`, `status`, `urgency`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `tickets_counted_on_insert` AFTER INSERT ON `tickets`
BEGIN
  INSERT INTO `ticket_count_buckets` (`starts_at`, `status`, `urgency`, `tickets`)
  VALUES (NEW.`created_at` - NEW.`created_at` % 900000, NEW.`status`, coalesce(NEW.`urgency`, ''), 1)
  ON CONFLICT DO UPDATE SET `tickets` = `tickets` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tickets_counted_on_change` AFTER UPDATE OF `status`, `urgency` ON `tickets`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`urgency` IS NOT NEW.`urgency`
BEGIN
  UPDATE `ticket_count_buckets` SET `tickets` = `tickets` - 1
  WHERE `starts_at` = OLD.`created_at` - OLD.`created_at` % 900000 AND `status` = OLD.`status` AND `urgency` = coalesce(OLD.`urgency`, '');
  INSERT INTO `ticket_count_buckets` (`starts_at`, `status`, `urgency`, `tickets`)
  VALUES (NEW.`created_at` - NEW.`created_at` % 900000, NEW.`status`, coalesce(NEW.`urgency`, ''), 1)
  ON CONFLICT DO UPDATE SET `tickets` = `tickets` + 1;
END;
--> statement-breakpoint
INSERT INTO `ticket_count_buckets` (`starts_at`, `status`, `urgency`, `tickets`)
SELECT `created_at` - `created_at` % 900000, `status`, coalesce(`urgency`, ''), count(*)
FROM `tickets` GROUP BY 1, 2, 3;
--> statement-breakpoint
-- decision_reason_buckets: tickets routed for a reason, per route, reason code
-- and the quarter hour of the ticket's first decision with that route and
-- code (a ticket decided again for the same reason is not counted twice).
CREATE TABLE `decision_reason_buckets` (
	`route` text NOT NULL,
	`code` text NOT NULL,
	`starts_at` integer NOT NULL,
	`tickets` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY (`route`, `code`, `starts_at`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `routing_decisions_counted` AFTER INSERT ON `routing_decisions`
BEGIN
  INSERT INTO `decision_reason_buckets` (`route`, `code`, `starts_at`, `tickets`)
  SELECT DISTINCT NEW.`route`, r.`value`, NEW.`created_at` - NEW.`created_at` % 900000, 1
  FROM json_each(NEW.`reasons`) r
  WHERE NOT EXISTS (
    SELECT 1 FROM `routing_decisions` d, json_each(d.`reasons`) e
    WHERE d.`ticket_id` = NEW.`ticket_id` AND d.`id` <> NEW.`id` AND d.`route` = NEW.`route` AND e.`value` = r.`value`
  )
  ON CONFLICT DO UPDATE SET `tickets` = `tickets` + 1;
END;
--> statement-breakpoint
INSERT INTO `decision_reason_buckets` (`route`, `code`, `starts_at`, `tickets`)
SELECT `route`, `code`, `first_at` - `first_at` % 900000, count(*)
FROM (
  SELECT d.`ticket_id`, d.`route`, r.`value` AS `code`, min(d.`created_at`) AS `first_at`
  FROM `routing_decisions` d, json_each(d.`reasons`) r
  GROUP BY 1, 2, 3
)
GROUP BY 1, 2, 3;
