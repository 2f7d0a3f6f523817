import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
  migrations: { prefix: 'timestamp' },
  // PostGIS owns these; drizzle-kit must never try to manage them.
  extensionsFilters: ['postgis'],
});
