-- Custom migration (drizzle-kit generate --custom): the knowledge base's
-- embeddings, one vector per passage, kept beside kb_passages (migration
-- 0007) and, like those tables, read and written by src/kb/ with prepared
-- statements rather than through schema.ts.
--
-- A passage's vector is computed when the passage is first indexed (a changed
-- file gets new passage rows, so its old vectors go with the cascade) and
-- again only when MODEL_EMBEDDINGS names another model. `vector` holds `dims`
-- little-endian float32 values; `text_hash` is the sha256 of the text that
-- was embedded, so a vector is never paired with text it was not made from.
CREATE TABLE `kb_vectors` (
	`passage_id` integer PRIMARY KEY NOT NULL REFERENCES `kb_passages`(`id`) ON DELETE CASCADE,
	`model` text NOT NULL,
	`dims` integer NOT NULL,
	`vector` blob NOT NULL,
	`text_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `kb_vectors_model_idx` ON `kb_vectors` (`model`);
