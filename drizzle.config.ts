import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` reads this; the server applies migrations itself (db/client.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
