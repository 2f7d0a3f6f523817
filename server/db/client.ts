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
 * PGlite is one connection. Since 0.5 it runs every top-level `query`, `exec` and `transaction` under one
 * mutex — the one access queue, so requests never interleave inside a transaction (server/db/queue.test.ts
 * proves it with overlapping transactions). The flip side: a statement sent on the outer handle from inside
 * a transaction waits for that same transaction forever. This proxy turns that silent deadlock into an
 * immediate error naming the mistake (use the `tx` handle). PostgreSQL has a pool, so it needs no guard.
 */
export function guardPglite(raw: PGlite): PGlite {
  const insideTransaction = new AsyncLocalStorage<boolean>();
  const refuseInside = () => {
    if (insideTransaction.getStore()) {
      throw new Error('在事务内使用了外层数据库句柄：单连接的 PGlite 会因此死锁，请改用事务句柄 tx');
    }
  };
  return new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === 'query' || prop === 'exec') {
        return async (...args: unknown[]) => {
          refuseInside();
          return (target[prop] as (...a: unknown[]) => Promise<unknown>)(...args);
        };
      }
      if (prop === 'transaction') {
        return async <T>(fn: (tx: Transaction) => Promise<T>) => {
          refuseInside();
          return target.transaction((tx) => insideTransaction.run(true, () => fn(tx)));
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Starts PGlite with PostGIS. `loadDataDir` restores a snapshot (tests) instead of opening a folder. */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File }): Promise<PGlite> {
  if (options.dataDir) mkdirSync(path.resolve(options.dataDir), { recursive: true });
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: path.resolve(options.dataDir, 'pglite') } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis },
  });
  // In WASM, planning a 6-table join costs ~9 ms against ~0.3 ms to run it, and every statement waits
  // in one queue. Our joins are written from the selective table outwards, so the planner keeps that
  // order instead of searching all of them (docs/decisions/004).
  await pg.exec('SET join_collapse_limit = 1');
  return pg;
}

export function pgliteHandle(raw: PGlite): DatabaseHandle {
  const client = guardPglite(raw);
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
