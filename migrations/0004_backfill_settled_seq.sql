-- Custom migration (drizzle-kit generate --custom): rows written before the
-- ledger recorded attempts were all settled when written, in id order.
UPDATE `model_calls` SET `settled_seq` = `id` WHERE `settled_seq` IS NULL;
