import { defineConfig } from 'drizzle-kit';

// `pnpm db:generate` writes migrations for both dialects; they are committed and applied at start-up.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.sqlite.ts',
  out: './drizzle/sqlite',
});
