/**
 * `npm run bench:assistant` — 京小帮 offline answer latency at concurrency 20, beside the bare BM25
 * retrieval query it runs, measured in the same run on the same database:
 *   1. the bare retrieval SQL (segmentation + synonym expansion + the BM25 ranking query) at concurrency 20;
 *   2. the whole offline answer in-process (retrieval + article load + composition);
 *   3. POST /api/v1/assistant/ask over HTTP with autocannon (20 connections), including the crisis
 *      check, conversation storage and the audit row.
 * Embedded PGlite in .tmp/bench-data unless DATABASE_URL is set.
 */
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { migrateDatabase } from '../server/db/migrate.js';
import { questionsA } from '../server/modules/assistant/eval/questions-a.js';
import { questionsB } from '../server/modules/assistant/eval/questions-b.js';
import { rankArticles } from '../server/modules/assistant/knowledge/repository.js';
import { seedKnowledgeBase } from '../server/modules/assistant/knowledge/service.js';
import { tokenize } from '../server/modules/assistant/segment.js';
import { offlineAnswer } from '../server/modules/assistant/service.js';
import { expandTerms } from '../server/modules/assistant/synonyms.js';
import { seedDemoCity } from '../server/modules/demo/seed.js';
import { DEMO_PASSWORD } from '../shared/demo.js';

const CONCURRENCY = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const questions = [...questionsA, ...questionsB].map((q) => q.question);

const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? '.tmp/bench-data', LOG_LEVEL: 'silent', ASSISTANT_ASKS_PER_MINUTE: '1000000' });
const handle = await openDatabase(config);
await migrateDatabase(handle);
await seedDemoCity(handle.db, 'demo');
// As `npm start` does after seeding: planner statistics for the bulk-loaded rows.
await handle.db.execute(sql`ANALYZE`);
await seedKnowledgeBase(handle.db);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `work` for every question, CONCURRENCY at a time, ROUNDS times; returns sorted latencies (ms). */
async function measure(work: (question: string) => Promise<unknown>) {
  const latencies: number[] = [];
  const jobs = Array.from({ length: ROUNDS }, () => questions).flat();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const q = jobs[next++]!;
        const t = performance.now();
        await work(q);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), perSecond: latencies.length / seconds };
}

// Warm up caches and the planner.
for (const q of questions.slice(0, 10)) await offlineAnswer(handle.db, q, null);

const bare = await measure((q) => rankArticles(handle.db, expandTerms(tokenize(q)), null, 5));
const offline = await measure((q) => offlineAnswer(handle.db, q, null));

const app = await buildApp({ db: handle.db, config }, { logger: false, serveWeb: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'parent1', password: DEMO_PASSWORD }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
let i = 0;
const http = await autocannon({
  url: `${base}/api/v1/assistant/ask`,
  connections: CONCURRENCY,
  duration: Number(process.env.BENCH_SECONDS ?? 10),
  requests: [
    {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ question: questions[i++ % questions.length] }) }),
    },
  ],
});
await app.close();
await handle.close();

const row = (name: string, r: { p50: number; p95: number; perSecond: number }) =>
  `| ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.perSecond.toFixed(0)} |`;
console.log(`\n${handle.kind}, concurrency ${CONCURRENCY}, ${questions.length} questions × ${ROUNDS}\n`);
console.log('| path | p50 ms | p95 ms | per s |');
console.log('|---|---:|---:|---:|');
console.log(row('bare BM25 retrieval query (baseline)', bare));
console.log(row('offline answer, in-process (retrieval + articles + compose)', offline));
console.log(
  `| POST /api/v1/assistant/ask over HTTP (autocannon, + crisis check, storage, audit) | ${http.latency.p50} | ${http.latency.p97_5 ?? http.latency.p99} (p97.5) | ${http.requests.average.toFixed(0)} |`,
);
console.log(`non-2xx responses over HTTP: ${http.non2xx}`);
