import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { DatabaseHandle } from './client.js';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export class MissingPostgisError extends Error {}

/** Applies pending migrations; on PostgreSQL first checks PostGIS is installable, with a clear message if not. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'postgres') {
    const available = await handle.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'postgis'`,
    );
    if (!available.rows[0]?.n) {
      throw new MissingPostgisError(
        '数据库缺少 PostGIS 扩展：请在 PostgreSQL 服务器上安装 PostGIS（Debian: apt-get install postgresql-15-postgis-3）后重试',
      );
    }
    await migratePg(handle.db, { migrationsFolder });
  } else {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  }
}
