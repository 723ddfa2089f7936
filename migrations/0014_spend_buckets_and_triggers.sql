-- Custom migration (drizzle-kit generate --custom): the ledger's running
-- aggregates, kept by triggers (drizzle cannot declare WITHOUT ROWID tables or
-- triggers; src/store/sqlite/spend-repository.ts reads them with plain SQL).
--
-- spend_keys: one row per tier, model, stage, platform, channel and shadow
-- flag ('' for a call without a ticket: a unique key treats NULLs as distinct).
-- spend_buckets: sums per key and per quarter hour (UTC epoch; every time
-- zone's midnight falls on one, so any local day, week or month is a whole
-- number of buckets), or per local day once retention has merged them
-- (`ends_at - starts_at` tells which). Keyed by key first: a period's sums are
-- read key by key, in order, with no sort. `new_tickets` counts tickets whose
-- first own settled call fell in the bucket, `new_second_opinions` those whose
-- first second-opinion call did.
CREATE TABLE `spend_keys` (
	`id` integer PRIMARY KEY,
	`tier` text NOT NULL,
	`model` text NOT NULL,
	`stage` text NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`shadow` integer NOT NULL,
	UNIQUE (`tier`, `model`, `stage`, `platform`, `channel_id`, `shadow`)
);
--> statement-breakpoint
CREATE TABLE `spend_buckets` (
	`key_id` integer NOT NULL REFERENCES `spend_keys`(`id`),
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`calls` integer DEFAULT 0 NOT NULL,
	`failed_calls` integer DEFAULT 0 NOT NULL,
	`input_tokens` integer DEFAULT 0 NOT NULL,
	`cached_input_tokens` integer DEFAULT 0 NOT NULL,
	`output_tokens` integer DEFAULT 0 NOT NULL,
	`reasoning_tokens` integer DEFAULT 0 NOT NULL,
	`cost_nanos` integer DEFAULT 0 NOT NULL,
	`estimated_cost_nanos` integer DEFAULT 0 NOT NULL,
	`new_tickets` integer DEFAULT 0 NOT NULL,
	`new_second_opinions` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY (`key_id`, `starts_at`, `ends_at`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `spend_buckets_starts_idx` ON `spend_buckets` (`starts_at`, `ends_at`);
--> statement-breakpoint
-- A row counts once, when it is settled: written settled (offline calls), or
-- closed from `in_flight`. Any other change to a settled row does not happen
-- (the ledger is append-only once settled); deleting rows (retention) leaves
-- the aggregates as they are.
CREATE TRIGGER `model_calls_settled_on_insert` AFTER INSERT ON `model_calls`
WHEN NEW.`outcome` <> 'in_flight'
BEGIN
  INSERT INTO `spend_keys` (`tier`, `model`, `stage`, `platform`, `channel_id`, `shadow`)
  VALUES (NEW.`tier`, NEW.`model`, NEW.`stage`, coalesce((SELECT `platform` FROM `tickets` WHERE `id` = NEW.`ticket_id`), ''), coalesce((SELECT `channel_id` FROM `tickets` WHERE `id` = NEW.`ticket_id`), ''), NEW.`shadow`)
  ON CONFLICT DO NOTHING;
  -- Before ticket_spend below counts this call: whether it is the ticket's first (own, settled) call, and its first second opinion.
  INSERT INTO `spend_buckets` (`key_id`, `starts_at`, `ends_at`, `calls`, `failed_calls`, `input_tokens`, `cached_input_tokens`, `output_tokens`, `reasoning_tokens`, `cost_nanos`, `estimated_cost_nanos`, `new_tickets`, `new_second_opinions`)
  SELECT k.`id`, NEW.`created_at` - NEW.`created_at` % 900000, NEW.`created_at` - NEW.`created_at` % 900000 + 900000, 1, NEW.`outcome` <> 'ok', NEW.`input_tokens`, NEW.`cached_input_tokens`,
    NEW.`output_tokens`, NEW.`reasoning_tokens`, NEW.`cost_nanos`, coalesce(NEW.`estimated_cost_nanos`, 0),
    NEW.`ticket_id` IS NOT NULL AND NOT NEW.`shadow` AND NOT EXISTS (SELECT 1 FROM `ticket_spend` WHERE `ticket_id` = NEW.`ticket_id`),
    NEW.`ticket_id` IS NOT NULL AND NOT NEW.`shadow` AND NEW.`stage` = 'second_opinion'
      AND NOT EXISTS (SELECT 1 FROM `ticket_spend` WHERE `ticket_id` = NEW.`ticket_id` AND `second_opinion_calls` > 0)
  FROM `spend_keys` k
  WHERE k.`tier` = NEW.`tier` AND k.`model` = NEW.`model` AND k.`stage` = NEW.`stage` AND k.`platform` = coalesce((SELECT `platform` FROM `tickets` WHERE `id` = NEW.`ticket_id`), '')
    AND k.`channel_id` = coalesce((SELECT `channel_id` FROM `tickets` WHERE `id` = NEW.`ticket_id`), '') AND k.`shadow` = NEW.`shadow`
  ON CONFLICT (`key_id`, `starts_at`, `ends_at`) DO UPDATE SET
    `calls` = `calls` + excluded.`calls`,
    `failed_calls` = `failed_calls` + excluded.`failed_calls`,
    `input_tokens` = `input_tokens` + excluded.`input_tokens`,
    `cached_input_tokens` = `cached_input_tokens` + excluded.`cached_input_tokens`,
    `output_tokens` = `output_tokens` + excluded.`output_tokens`,
    `reasoning_tokens` = `reasoning_tokens` + excluded.`reasoning_tokens`,
    `cost_nanos` = `cost_nanos` + excluded.`cost_nanos`,
    `estimated_cost_nanos` = `estimated_cost_nanos` + excluded.`estimated_cost_nanos`,
    `new_tickets` = `new_tickets` + excluded.`new_tickets`,
    `new_second_opinions` = `new_second_opinions` + excluded.`new_second_opinions`;
  INSERT INTO `ticket_spend` (`ticket_id`, `opened_at`, `calls`, `second_opinion_calls`, `cost_nanos`, `estimated_cost_nanos`)
  SELECT `id`, `created_at`, 1, NEW.`stage` = 'second_opinion', NEW.`cost_nanos`, coalesce(NEW.`estimated_cost_nanos`, 0)
  FROM `tickets` WHERE `id` = NEW.`ticket_id` AND NOT NEW.`shadow`
  ON CONFLICT (`ticket_id`) DO UPDATE SET
    `calls` = `calls` + 1,
    `second_opinion_calls` = `second_opinion_calls` + excluded.`second_opinion_calls`,
    `cost_nanos` = `cost_nanos` + excluded.`cost_nanos`,
    `estimated_cost_nanos` = `estimated_cost_nanos` + excluded.`estimated_cost_nanos`;
END;
--> statement-breakpoint
-- The same body as above: a SQLite trigger fires on one kind of statement only.
CREATE TRIGGER `model_calls_settled_on_close` AFTER UPDATE OF `outcome` ON `model_calls`
WHEN OLD.`outcome` = 'in_flight' AND NEW.`outcome` <> 'in_flight'
BEGIN
  INSERT INTO `spend_keys` (`tier`, `model`, `stage`, `platform`, `channel_id`, `shadow`)
  VALUES (NEW.`tier`, NEW.`model`, NEW.`stage`, coalesce((SELECT `platform` FROM `tickets` WHERE `id` = NEW.`ticket_id`), ''), coalesce((SELECT `channel_id` FROM `tickets` WHERE `id` = NEW.`ticket_id`), ''), NEW.`shadow`)
  ON CONFLICT DO NOTHING;
  -- Before ticket_spend below counts this call: whether it is the ticket's first (own, settled) call, and its first second opinion.
  INSERT INTO `spend_buckets` (`key_id`, `starts_at`, `ends_at`, `calls`, `failed_calls`, `input_tokens`, `cached_input_tokens`, `output_tokens`, `reasoning_tokens`, `cost_nanos`, `estimated_cost_nanos`, `new_tickets`, `new_second_opinions`)
  SELECT k.`id`, NEW.`created_at` - NEW.`created_at` % 900000, NEW.`created_at` - NEW.`created_at` % 900000 + 900000, 1, NEW.`outcome` <> 'ok', NEW.`input_tokens`, NEW.`cached_input_tokens`,
    NEW.`output_tokens`, NEW.`reasoning_tokens`, NEW.`cost_nanos`, coalesce(NEW.`estimated_cost_nanos`, 0),
    NEW.`ticket_id` IS NOT NULL AND NOT NEW.`shadow` AND NOT EXISTS (SELECT 1 FROM `ticket_spend` WHERE `ticket_id` = NEW.`ticket_id`),
    NEW.`ticket_id` IS NOT NULL AND NOT NEW.`shadow` AND NEW.`stage` = 'second_opinion'
      AND NOT EXISTS (SELECT 1 FROM `ticket_spend` WHERE `ticket_id` = NEW.`ticket_id` AND `second_opinion_calls` > 0)
  FROM `spend_keys` k
  WHERE k.`tier` = NEW.`tier` AND k.`model` = NEW.`model` AND k.`stage` = NEW.`stage` AND k.`platform` = coalesce((SELECT `platform` FROM `tickets` WHERE `id` = NEW.`ticket_id`), '')
    AND k.`channel_id` = coalesce((SELECT `channel_id` FROM `tickets` WHERE `id` = NEW.`ticket_id`), '') AND k.`shadow` = NEW.`shadow`
  ON CONFLICT (`key_id`, `starts_at`, `ends_at`) DO UPDATE SET
    `calls` = `calls` + excluded.`calls`,
    `failed_calls` = `failed_calls` + excluded.`failed_calls`,
    `input_tokens` = `input_tokens` + excluded.`input_tokens`,
    `cached_input_tokens` = `cached_input_tokens` + excluded.`cached_input_tokens`,
    `output_tokens` = `output_tokens` + excluded.`output_tokens`,
    `reasoning_tokens` = `reasoning_tokens` + excluded.`reasoning_tokens`,
    `cost_nanos` = `cost_nanos` + excluded.`cost_nanos`,
    `estimated_cost_nanos` = `estimated_cost_nanos` + excluded.`estimated_cost_nanos`,
    `new_tickets` = `new_tickets` + excluded.`new_tickets`,
    `new_second_opinions` = `new_second_opinions` + excluded.`new_second_opinions`;
  INSERT INTO `ticket_spend` (`ticket_id`, `opened_at`, `calls`, `second_opinion_calls`, `cost_nanos`, `estimated_cost_nanos`)
  SELECT `id`, `created_at`, 1, NEW.`stage` = 'second_opinion', NEW.`cost_nanos`, coalesce(NEW.`estimated_cost_nanos`, 0)
  FROM `tickets` WHERE `id` = NEW.`ticket_id` AND NOT NEW.`shadow`
  ON CONFLICT (`ticket_id`) DO UPDATE SET
    `calls` = `calls` + 1,
    `second_opinion_calls` = `second_opinion_calls` + excluded.`second_opinion_calls`,
    `cost_nanos` = `cost_nanos` + excluded.`cost_nanos`,
    `estimated_cost_nanos` = `estimated_cost_nanos` + excluded.`estimated_cost_nanos`;
END;
--> statement-breakpoint
-- What was settled before this migration, first calls by settle order.
INSERT INTO `spend_keys` (`tier`, `model`, `stage`, `platform`, `channel_id`, `shadow`)
SELECT DISTINCT c.`tier`, c.`model`, c.`stage`, coalesce(t.`platform`, ''), coalesce(t.`channel_id`, ''), c.`shadow`
FROM `model_calls` c LEFT JOIN `tickets` t ON t.`id` = c.`ticket_id`
WHERE c.`outcome` <> 'in_flight';
--> statement-breakpoint
INSERT INTO `spend_buckets` (`key_id`, `starts_at`, `ends_at`, `calls`, `failed_calls`, `input_tokens`, `cached_input_tokens`, `output_tokens`, `reasoning_tokens`, `cost_nanos`, `estimated_cost_nanos`, `new_tickets`, `new_second_opinions`)
SELECT k.`id`, c.`created_at` - c.`created_at` % 900000, c.`created_at` - c.`created_at` % 900000 + 900000,
  count(*), sum(c.`outcome` <> 'ok'), sum(c.`input_tokens`), sum(c.`cached_input_tokens`), sum(c.`output_tokens`),
  sum(c.`reasoning_tokens`), sum(c.`cost_nanos`), sum(coalesce(c.`estimated_cost_nanos`, 0)),
  sum(c.`settled_seq` IS f.`first_seq`), sum(c.`settled_seq` IS f.`first_second_opinion_seq`)
FROM `model_calls` c
LEFT JOIN `tickets` t ON t.`id` = c.`ticket_id`
JOIN `spend_keys` k ON k.`tier` = c.`tier` AND k.`model` = c.`model` AND k.`stage` = c.`stage`
  AND k.`platform` = coalesce(t.`platform`, '') AND k.`channel_id` = coalesce(t.`channel_id`, '') AND k.`shadow` = c.`shadow`
LEFT JOIN (
  SELECT `ticket_id`, min(`settled_seq`) AS `first_seq`, min(CASE WHEN `stage` = 'second_opinion' THEN `settled_seq` END) AS `first_second_opinion_seq`
  FROM `model_calls` WHERE `outcome` <> 'in_flight' AND NOT `shadow` AND `ticket_id` IS NOT NULL GROUP BY `ticket_id`
) f ON f.`ticket_id` = c.`ticket_id` AND NOT c.`shadow`
WHERE c.`outcome` <> 'in_flight'
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `ticket_spend` (`ticket_id`, `opened_at`, `calls`, `second_opinion_calls`, `cost_nanos`, `estimated_cost_nanos`)
SELECT t.`id`, t.`created_at`, count(*), sum(c.`stage` = 'second_opinion'), sum(c.`cost_nanos`), sum(coalesce(c.`estimated_cost_nanos`, 0))
FROM `model_calls` c JOIN `tickets` t ON t.`id` = c.`ticket_id`
WHERE c.`outcome` <> 'in_flight' AND NOT c.`shadow`
GROUP BY t.`id`;
