-- Custom migration (drizzle-kit generate --custom): names that mean one thing.
-- A model reviewing a draft is the `second_opinion` stage ("escalate" is only
-- the reviewer's button), and its review is a `model` review whose `reviewer`
-- is the tier that gave it (`flagship`, or `mini` when the budget was low).
-- None of these columns has a CHECK constraint: the values are plain text.
UPDATE `model_calls` SET `stage` = 'second_opinion' WHERE `stage` = 'escalate';
--> statement-breakpoint
UPDATE `stage_results` SET `stage` = 'second_opinion' WHERE `stage` = 'escalate';
--> statement-breakpoint
UPDATE `reviews` SET `reviewer_kind` = 'model' WHERE `reviewer_kind` = 'flagship';
