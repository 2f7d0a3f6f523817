/**
 * Opens the one database of the process: embedded PGlite (default, zero setup, data in DATA_DIR) or
 * PostgreSQL (DATABASE_URL). Both get the same Drizzle API, the same migrations and PostGIS.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

export type Database = ReturnType<typeof drizzlePg<typeof schema>>;
/** A Drizzle transaction handle; repositories accept `Database | Tx` so services decide the boundary. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Queryable = Database | Tx;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Raw PGlite instance (snapshots in tests); undefined for PostgreSQL. */
  pglite?: PGlite;
}

/**
 * PGlite is one connection. Its own `query()` and `transaction()` use separate locks, so a plain query
 * from request B can run between the statements of request A's transaction and land inside it. This
 * queue makes every top-level query wait for any open transaction, and transactions wait for each other:
 * one access queue, first come first served. Statements inside a transaction run on its handle directly.
 */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export function serializePglite(raw: PGlite): PGlite {
  const queue = new SerialQueue();
  const insideTransaction = new AsyncLocalStorage<boolean>();
  const guarded = <T>(work: () => Promise<T>) => (insideTransaction.getStore() ? work() : queue.run(work));
  return new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === 'query') {
        return (...args: Parameters<PGlite['query']>) => guarded(() => target.query(...args));
      }
      if (prop === 'exec') {
        return (...args: Parameters<PGlite['exec']>) => guarded(() => target.exec(...args));
      }
      if (prop === 'transaction') {
        return <T>(fn: (tx: Transaction) => Promise<T>) =>
          queue.run(() => target.transaction((tx) => insideTransaction.run(true, () => fn(tx))));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Starts PGlite with PostGIS. `loadDataDir` restores a snapshot (tests) instead of opening a folder. */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File }): Promise<PGlite> {
  if (options.dataDir) mkdirSync(path.resolve(options.dataDir), { recursive: true });
  return PGlite.create({
    ...(options.dataDir ? { dataDir: path.resolve(options.dataDir, 'pglite') } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis },
  });
}

export function pgliteHandle(raw: PGlite): DatabaseHandle {
  const client = serializePglite(raw);
  // The two drivers share PgDatabase; the node-postgres type is the one the code is written against.
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return { db, kind: 'pglite', pglite: raw, close: () => raw.close() };
}

export function postgresHandle(url: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Without a listener an idle-client error (server restart) would crash the process.
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool, schema });
  return { db, kind: 'postgres', close: () => pool.end() };
}

export async function openDatabase(config: { DATABASE_URL?: string; DATA_DIR: string }): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return postgresHandle(config.DATABASE_URL);
  return pgliteHandle(await openPglite({ dataDir: config.DATA_DIR }));
}
