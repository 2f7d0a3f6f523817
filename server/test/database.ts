/**
 * Test databases, made cheap: the schema is migrated and the small 'test' city seeded ONCE per run
 * (global setup); every test file then starts from a copy — a PGlite data-dir snapshot, or with
 * TEST_DATABASE_URL a PostgreSQL database created `WITH TEMPLATE`. Each file gets its own database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPglite, pgliteHandle, postgresHandle, type DatabaseHandle } from '../db/client.js';
import { migrateDatabase, migrationsFolder } from '../db/migrate.js';
import { seedKnowledgeBase } from '../modules/assistant/knowledge/service.js';
import { seedDemoCity } from '../modules/demo/seed.js';
import { seedVenueDirectory } from '../modules/resources/seed.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cacheDir = path.join(root, '.tmp');

/** Fingerprint of everything that shapes the snapshot, so a stale one is never reused. */
function fingerprint(): string {
  const hash = createHash('sha256');
  const folders = [
    migrationsFolder,
    path.join(root, 'server/modules/demo'),
    path.join(root, 'server/db'),
    path.join(root, 'server/modules/assistant/knowledge'),
    path.join(root, 'server/modules/resources'),
  ];
  for (const folder of folders) {
    for (const name of readdirSync(folder, { recursive: true }).map(String).sort()) {
      const file = path.join(folder, name);
      if (/\.(ts|sql|json)$/.test(name) && !name.endsWith('.test.ts')) hash.update(name).update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Builds (or reuses) the migrated + seeded PGlite snapshot; returns its path. */
export async function preparePgliteSnapshot(): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `test-db-${fingerprint()}.tar.gz`);
  if (existsSync(file)) return file;
  const raw = await openPglite({});
  const handle = pgliteHandle(raw);
  await migrateDatabase(handle);
  await seedDemoCity(handle.db, 'test');
  await seedVenueDirectory(handle.db);
  await seedKnowledgeBase(handle.db);
  await raw.exec('ANALYZE');
  const dump = await raw.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await raw.close();
  return file;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

export const TEMPLATE_DB = 'gongyu_test_template';

/** Creates the PostgreSQL template database (migrated + seeded) for this run. */
export async function preparePostgresTemplate(url: string): Promise<void> {
  await adminQuery(url, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(url, `CREATE DATABASE ${TEMPLATE_DB}`);
  const handle = postgresHandle(withDatabase(url, TEMPLATE_DB), 2);
  await migrateDatabase(handle);
  await seedDemoCity(handle.db, 'test');
  await seedVenueDirectory(handle.db);
  await seedKnowledgeBase(handle.db);
  await handle.close();
}

export async function dropPostgresTemplate(url: string): Promise<void> {
  await adminQuery(url, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
}

/** A fresh database for one test file, from the prepared snapshot or template. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `gongyu_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    const handle = postgresHandle(withDatabase(url, name), 20);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const snapshot = process.env.GONGYU_TEST_SNAPSHOT ?? (await preparePgliteSnapshot());
  const raw = await openPglite({ loadDataDir: new Blob([readFileSync(snapshot)]) });
  return pgliteHandle(raw);
}
