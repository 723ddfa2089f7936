// The Postgres store's migrations (migrations/pg/), generated from src/store/pg/schema.ts:
// `npm run db:generate:pg`. The SQLite store keeps drizzle.config.ts and migrations/.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/pg/schema.ts',
  out: './migrations/pg',
});
