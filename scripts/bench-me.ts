/**
 * `npm run bench:me` — GET /api/v1/me throughput against Fastify's bare hello route, in the same run and
 * process, so the ratio says what our stack (session lookup, policy, queries, audit) costs.
 * Uses embedded PGlite in .tmp/bench-data (seeded with the demo city), or DATABASE_URL when set.
 */
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { migrateDatabase } from '../server/db/migrate.js';
import { seedDemoCity } from '../server/modules/demo/seed.js';
import { DEMO_PASSWORD } from '../shared/demo.js';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function run(title: string, url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections, duration, headers });
  return {
    title,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? '.tmp/bench-data', LOG_LEVEL: 'silent' });
const handle = await openDatabase(config);
await migrateDatabase(handle);
await seedDemoCity(handle.db, 'demo');
// As `npm start` does after seeding: planner statistics for the bulk-loaded rows.
await handle.db.execute(sql`ANALYZE`);

const app = await buildApp({ db: handle.db, config }, { logger: false, serveWeb: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const hello = Fastify();
hello.get('/', async () => ({ hello: 'world' }));
await hello.listen({ port: 0, host: '127.0.0.1' });
const helloUrl = `http://127.0.0.1:${(hello.server.address() as { port: number }).port}/`;

async function cookieFor(username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const rows = [
  await run('Fastify bare hello (baseline)', helloUrl),
  await run('GET /healthz', `${base}/healthz`),
  await run('GET /api/v1/me as teacher1', `${base}/api/v1/me`, { cookie: await cookieFor('teacher1') }),
  await run('GET /api/v1/me as parent1 (+ audit write)', `${base}/api/v1/me`, { cookie: await cookieFor('parent1') }),
];
const baseline = rows[0]!.rps;
console.log(`\n${handle.kind}, ${connections} connections, ${duration} s each\n`);
console.log('| route | req/s | vs hello | p50 ms | p99 ms | non-2xx |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.title} | ${r.rps.toFixed(0)} | ${((r.rps / baseline) * 100).toFixed(1)}% | ${r.p50} | ${r.p99} | ${r.non2xx} |`);
}
await app.close();
await hello.close();
await handle.close();
