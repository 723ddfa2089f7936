-- Custom migration (drizzle-kit generate --custom): money becomes whole
-- nano-dollars. Every row written before this kept its cost as a REAL number
-- of dollars; the nearest nano-dollar is the amount it was priced at (list
-- prices are whole nano-dollars per token, so nothing real is lost).
UPDATE `model_calls` SET
  `cost_nanos` = CAST(ROUND(`cost_usd` * 1000000000) AS INTEGER),
  `estimated_cost_nanos` = CASE WHEN `estimated_cost_usd` IS NULL THEN NULL ELSE CAST(ROUND(`estimated_cost_usd` * 1000000000) AS INTEGER) END,
  `worst_case_nanos` = CASE WHEN `worst_case_usd` IS NULL THEN NULL ELSE CAST(ROUND(`worst_case_usd` * 1000000000) AS INTEGER) END;
