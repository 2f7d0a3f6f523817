/**
 * `npm run bench:map` — 教育新地图 at city scale, every figure against a baseline measured in the same run:
 *   1. a dedicated PostgreSQL database `gongyu_bench_map` (test city + real venues), then a generated city of
 *      BENCH_RESOURCES resources (50,000), 20 slots each over the next 14 days and BENCH_BOOKINGS bookings
 *      (1,000,000), all set-based SQL inside PostgreSQL;
 *   2. GET /api/v1/resources/search with autocannon (32 connections, a rotating mix of 50 queries) against the
 *      very statements the endpoint runs (`planSearch` + `searchStatement`) on a 32-client pg.Pool;
 *   3. POST /api/v1/bookings on a hot slot (32 concurrent families) against the bare booking transaction
 *      (conditional UPDATE of slots.taken + INSERT) on 32 pg clients, the same number of bookings;
 *   4. 1,000 families POSTing for one 50-seat slot at once: exactly 50 seats may be taken;
 *   5. where the endpoint's time goes (Fastify hook timings and an instrumented pool on a second app).
 * Env: DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres), BENCH_SECONDS (10),
 * BENCH_RESOURCES (50000), BENCH_BOOKINGS (1000000), BENCH_FAMILIES (1000), BENCH_HOT_ROUNDS (2), BENCH_KEEP=1,
 * BENCH_HTTP_LOGINS (16 families sign in over HTTP; the rest get identical session rows minted in SQL, since each
 * scrypt sign-in costs ~0.1 s of CPU) or BENCH_LOGIN_ALL=1, BENCH_GUARDIANS=families|handful (who made the generated
 * bookings: many synthetic families, or the test city's ~120 guardians).
 * Exits non-zero on any non-2xx search answer, any unexpected booking answer, or an overbooked slot.
 */
import { randomInt } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pg from 'pg';
import { searchResources } from '../shared/contract/resources.js';
import { DEMO_PASSWORD } from '../shared/demo.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase, type Database } from '../server/db/client.js';
import { migrateDatabase } from '../server/db/migrate.js';
import * as schema from '../server/db/schema.js';
import { tokenize } from '../server/modules/assistant/segment.js';
import { BEIJING_DISTRICTS } from '../server/modules/demo/districts.js';
import { seedDemoCity } from '../server/modules/demo/seed.js';
import { loadActor } from '../server/modules/identity/service.js';
import { newSessionToken, sessionLifetimes } from '../server/modules/identity/sessions.js';
import { addDays } from '../server/modules/resources/schedule.js';
import { searchStatement, type SearchPlan } from '../server/modules/resources/search.js';
import { seedVenueDirectory } from '../server/modules/resources/seed.js';
import { planSearch, todayInBeijing } from '../server/modules/resources/service.js';
import { DEFAULT_TERMS } from '../server/modules/resources/taxonomy-seed.js';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return Math.floor(value);
};
const SECONDS = int('BENCH_SECONDS', 10);
const RESOURCES = int('BENCH_RESOURCES', 50_000);
const BOOKINGS = int('BENCH_BOOKINGS', 1_000_000);
const FAMILIES = int('BENCH_FAMILIES', 1000);
const HOT_ROUNDS = int('BENCH_HOT_ROUNDS', 2);
/** Families signed in over HTTP (scrypt); the others get the same session rows minted directly. */
const HTTP_LOGINS = process.env.BENCH_LOGIN_ALL === '1' ? Number.MAX_SAFE_INTEGER : int('BENCH_HTTP_LOGINS', 16);
const SLOTS_PER_RESOURCE = 20;
const CONNECTIONS = 32;
const CONTENTION_SEATS = 50;
const KEEP = process.env.BENCH_KEEP === '1';
/**
 * Whose generated bookings: `families` (default) spreads them over BENCH_BOOKINGS/4 synthetic guardian accounts,
 * as real traffic would (≤ a few live bookings per family); `handful` gives them to the ~120 guardians of the test
 * city, which skews the planner's per-guardian estimate (see the report printed at the end).
 */
const GUARDIANS = process.env.BENCH_GUARDIANS === 'handful' ? 'handful' : 'families';
const BENCH_DB = 'gongyu_bench_map';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const benchUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DB}`;
  return url.toString();
})();

const t0 = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${message}`);
const failures: string[] = [];
const fail = (message: string) => {
  failures.push(message);
  console.error(`✗ ${message}`);
};

/* ───────────────────────── small statistics helpers ───────────────────────── */

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
interface Figure {
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
  bad: number;
}
function summarize(latencies: number[], seconds: number, bad = 0): Figure {
  const sorted = latencies.slice().sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), count: latencies.length, bad };
}
/** Deterministic PRNG so every run benchmarks the same query mix. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—');

/* ───────────────────────── 1. the database ───────────────────────── */

async function recreateDatabase() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally {
    await admin.end();
  }
}

async function dropDatabase() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/* ───────────────────────── 2. the generated city ───────────────────────── */

interface Category {
  type: string;
  domains: string[];
  theme: string | null;
  words: string[];
  nouns: string[];
  weight: number;
  outdoor: boolean;
}

/** Service kinds with their words: names, keywords and tags agree, so text and tag filters hit realistic shares. */
const CATEGORIES: Category[] = [
  { type: 'type:science', domains: ['domain:kexue', 'domain:zhi'], theme: 'theme:chuangxin', words: ['科技', '天文', '航天', '机器人', '编程', '科普', '实验', '科学', '人工智能', '创客'], nouns: ['科技馆', '科普基地', '天文馆', '创客空间', '实验室'], weight: 12, outdoor: false },
  { type: 'type:museum', domains: ['domain:zhi', 'domain:de'], theme: 'theme:gudu', words: ['历史', '恐龙', '自然', '考古', '文物', '古代', '地质', '钱币'], nouns: ['博物馆', '陈列馆', '展览馆'], weight: 10, outdoor: false },
  { type: 'type:park', domains: ['domain:ti', 'domain:mei'], theme: null, words: ['公园', '湿地', '森林', '户外', '自然', '亲水', '花卉'], nouns: ['公园', '乐学公园', '郊野公园'], weight: 14, outdoor: true },
  { type: 'type:sports', domains: ['domain:ti'], theme: null, words: ['体育', '篮球', '足球', '游泳', '田径', '武术', '乒乓球', '羽毛球', '滑冰', '攀岩'], nouns: ['体育馆', '游泳馆', '运动中心', '训练基地'], weight: 14, outdoor: true },
  { type: 'type:art', domains: ['domain:mei'], theme: null, words: ['美术', '书法', '京剧', '音乐', '舞蹈', '剪纸', '陶艺', '戏剧', '合唱'], nouns: ['美术馆', '剧院', '音乐厅', '艺术中心'], weight: 10, outdoor: false },
  { type: 'type:library', domains: ['domain:zhi'], theme: null, words: ['阅读', '绘本', '图书', '故事', '国学'], nouns: ['图书馆', '少儿图书馆', '阅读空间'], weight: 8, outdoor: false },
  { type: 'type:study', domains: ['domain:lao'], theme: null, words: ['劳动', '农场', '研学', '营地', '烘焙', '茶艺', '种植', '木工', '非遗'], nouns: ['劳动教育基地', '研学营地', '农场'], weight: 10, outdoor: true },
  { type: 'type:safety', domains: ['domain:anquan'], theme: null, words: ['消防', '安全', '急救', '交通安全', '防溺水', '地震'], nouns: ['消防站', '安全教育基地', '体验馆'], weight: 5, outdoor: false },
  { type: 'type:memorial', domains: ['domain:de'], theme: 'theme:hongse', words: ['红色', '革命', '英雄', '抗战', '党史', '长城'], nouns: ['纪念馆', '旧址', '教育基地'], weight: 6, outdoor: false },
  { type: 'type:culture', domains: ['domain:mei', 'domain:de'], theme: 'theme:jingwei', words: ['非遗', '胡同', '四合院', '京剧', '民俗', '老字号'], nouns: ['文化馆', '文化中心', '少年宫'], weight: 7, outdoor: false },
  { type: 'type:nature', domains: ['domain:kexue', 'domain:ti'], theme: null, words: ['动物', '植物', '湿地', '自然', '昆虫', '观鸟', '恐龙'], nouns: ['动物园', '植物园', '自然保护区'], weight: 5, outdoor: true },
  { type: 'type:campus', domains: ['domain:zhi', 'domain:kexue'], theme: 'theme:chuangxin', words: ['实验', '校史', '科学', '工程', '人工智能'], nouns: ['高校实验室', '校史馆'], weight: 3, outdoor: false },
  { type: 'type:parentschool', domains: ['domain:xinli', 'domain:de'], theme: null, words: ['家庭教育', '亲子', '心理', '沟通'], nouns: ['家长学校', '家庭教育指导中心'], weight: 3, outdoor: false },
  { type: 'type:health', domains: ['domain:xinli', 'domain:anquan'], theme: null, words: ['健康', '心理', '视力', '营养', '急救'], nouns: ['健康教育中心', '心理服务站'], weight: 3, outdoor: false },
];
const PLACES = [...new Set(BEIJING_DISTRICTS.flatMap((d) => [...d.schoolPlaces, ...d.streetPlaces]))];
const DOMAINS = DEFAULT_TERMS.filter((t) => t.facet === 'domain').map((t) => t.id);

async function generateCity(db: Database): Promise<{ seconds: number; counts: Record<string, number> }> {
  const started = performance.now();
  const gen = new pg.Client({ connectionString: benchUrl });
  await gen.connect();
  const q = async (label: string, text: string, values: unknown[] = []) => {
    const t = performance.now();
    const result = await gen.query(text, values);
    log(`  ${label}: ${result.rowCount ?? 0} rows, ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };
  try {
    // Bulk load: the rows are consistent by construction, so foreign-key triggers are skipped (CHECKs still run).
    await gen.query(`SET session_replication_role = replica`);
    await gen.query(`SET synchronous_commit = off`);
    await gen.query(`SET work_mem = '128MB'`);
    await gen.query(`SET maintenance_work_mem = '512MB'`);

    // All 16 districts must exist (the test city writes every district row; insert any that are missing).
    for (const d of BEIJING_DISTRICTS) {
      await gen.query(
        `INSERT INTO districts (id, name, sort_order, center) VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326))
         ON CONFLICT DO NOTHING`,
        [d.id, d.name, d.sortOrder, d.center.x, d.center.y],
      );
    }

    // Vocabulary with the jieba tokens the server would index, and tag labels' tokens.
    await gen.query(`CREATE TEMP TABLE bench_tok (word text PRIMARY KEY, tokens text[] NOT NULL)`);
    const words = new Set<string>([...PLACES, ...CATEGORIES.flatMap((c) => [...c.words, ...c.nouns])]);
    const tokRows: [string, string[]][] = [...words].map((w) => [w, [...new Set(tokenize(w))]]);
    for (const t of DEFAULT_TERMS) tokRows.push([t.id, [...new Set(tokenize(t.label))]]);
    tokRows.push(['§common', ['亲子', '体验', '课程', '活动']]);
    await gen.query(
      `INSERT INTO bench_tok SELECT w, string_to_array(t, '|') FROM unnest($1::text[], $2::text[]) AS x(w, t)`,
      [tokRows.map((r) => r[0]), tokRows.map((r) => r[1].join('|'))],
    );
    await gen.query(
      `CREATE FUNCTION pg_temp.tok(w text) RETURNS text[] LANGUAGE sql STABLE AS
       $$ SELECT coalesce((SELECT tokens FROM bench_tok WHERE word = w), ARRAY[w]) $$`,
    );
    const totalWeight = CATEGORIES.reduce((s, c) => s + c.weight, 0);
    await gen.query(
      `CREATE TEMP TABLE bench_cat (cat int, type text, domains text[], theme text, words text[], nouns text[], outdoor boolean, lo float8, hi float8)`,
    );
    let acc = 0;
    for (const [i, c] of CATEGORIES.entries()) {
      const lo = acc / totalWeight;
      acc += c.weight;
      await gen.query(`INSERT INTO bench_cat VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
        i, c.type, c.domains, c.theme, c.words, c.nouns, c.outdoor, lo, i === CATEGORIES.length - 1 ? 1.01 : acc / totalWeight,
      ]);
    }

    // ~2,000 resource units at random points of Beijing, each in the district whose centre is nearest.
    const units = Math.max(16, Math.min(2000, Math.round(RESOURCES / 25)));
    await q(
      'resource units',
      `WITH pts AS (
         SELECT g,
           CASE WHEN random() < 0.9 THEN 116.0 + random() * 0.8 ELSE 115.6 + random() * 1.6 END AS x,
           CASE WHEN random() < 0.9 THEN 39.6 + random() * 0.6 ELSE 39.45 + random() * 1.35 END AS y
         FROM generate_series(1, $1::int) g
       )
       INSERT INTO org_units (district_id, kind, name, address, location)
       SELECT d.id, 'resourceUnit', ($2::text[])[1 + (p.g % cardinality($2::text[]))] || '共育实践基地' || lpad(p.g::text, 4, '0'),
         d.name || ($2::text[])[1 + (p.g % cardinality($2::text[]))] || '路' || (1 + p.g % 199) || '号',
         ST_SetSRID(ST_MakePoint(p.x, p.y), 4326)
       FROM pts p
       CROSS JOIN LATERAL (SELECT id, name FROM districts ORDER BY center <-> ST_SetSRID(ST_MakePoint(p.x, p.y), 4326) LIMIT 1) d`,
      [units, PLACES],
    );
    await gen.query(
      `CREATE TEMP TABLE bench_units AS
       SELECT row_number() OVER (ORDER BY u.id)::int AS n, u.district_id, u.id, ST_X(u.location) AS x, ST_Y(u.location) AS y, d.name AS district_name
       FROM org_units u JOIN districts d ON d.id = u.district_id WHERE u.kind = 'resourceUnit' AND u.name LIKE '%共育实践基地%'`,
    );

    // Resources around their unit (±2 km), with tags, ages, hours and the tokens of name, keywords and tags.
    await q(
      'resources (planned)',
      `CREATE TEMP TABLE bench_res AS
       WITH b AS (
         SELECT g, random() AS rc, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
           random() AS r6, random() AS r7, random() AS r8, random() AS r9, random() AS ra, random() AS rb,
           random() AS rh, random() AS rs, random() AS rv, random() AS jx, random() AS jy,
           1 + floor(random() * $2::int)::int AS un, floor(random() * 12)::int AS hoff
         FROM generate_series(1, $1::int) g
       ), w AS (
         SELECT b.*, c.type, c.domains, c.theme, c.outdoor,
           ($3::text[])[1 + floor(b.r1 * cardinality($3::text[]))::int] AS place,
           c.words[1 + floor(b.r2 * cardinality(c.words))::int] AS w1,
           c.words[1 + floor(b.r3 * cardinality(c.words))::int] AS w2,
           c.words[1 + floor(b.r4 * cardinality(c.words))::int] AS w3,
           c.nouns[1 + floor(b.r5 * cardinality(c.nouns))::int] AS noun
         FROM b JOIN bench_cat c ON b.rc >= c.lo AND b.rc < c.hi
       ), t AS (
         SELECT w.*, ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[
             w.domains[1],
             CASE WHEN w.r6 < 0.4 AND cardinality(w.domains) > 1 THEN w.domains[2]
                  WHEN w.r6 > 0.9 THEN ($4::text[])[1 + floor(w.r7 * cardinality($4::text[]))::int] END,
             w.type,
             CASE WHEN w.r7 < 0.7 THEN 'price:free' ELSE 'price:paid' END,
             CASE WHEN w.theme IS NOT NULL AND w.r8 < 0.6 THEN w.theme WHEN w.r8 > 0.95 THEN 'theme:jingwei' END,
             CASE WHEN w.r9 < 0.3 THEN 'access:wheelchair' END]) AS x WHERE x IS NOT NULL) AS terms,
           ARRAY(SELECT DISTINCT x FROM unnest(pg_temp.tok(w.place) || pg_temp.tok(w.w1) || pg_temp.tok(w.noun)) AS x) AS name_tokens
         FROM w
       )
       SELECT gen_random_uuid() AS id, u.district_id, u.id AS org_unit_id, t.g, t.hoff,
         t.place || t.w1 || t.noun AS name,
         '在' || t.place || '开展' || t.w2 || '、' || t.w3 || '主题活动，适合亲子体验。' AS description,
         u.district_name || t.place || '路' || (1 + t.g % 199) || '号' AS address,
         ST_SetSRID(ST_MakePoint(u.x + (t.jx - 0.5) * 0.04, u.y + (t.jy - 0.5) * 0.03), 4326) AS location,
         t.terms, ARRAY[t.w2, t.w3] AS keywords, t.name_tokens,
         ARRAY(SELECT DISTINCT x FROM unnest(t.name_tokens || pg_temp.tok(t.w2) || pg_temp.tok(t.w3) || pg_temp.tok('§common')
           || ARRAY(SELECT unnest(k.tokens) FROM bench_tok k WHERE k.word = ANY (t.terms))) AS x) AS search_tokens,
         (3 + floor(t.ra * 10))::smallint AS age_min,
         least(18, 3 + floor(t.ra * 10) + 3 + floor(t.rb * 10))::smallint AS age_max,
         CASE WHEN t.rh < 0.15 THEN '{"days":["SA","SU"],"opens":"09:00","closes":"18:00"}'::jsonb
              WHEN t.outdoor THEN '{"days":["MO","TU","WE","TH","FR","SA","SU"],"opens":"06:00","closes":"21:00"}'::jsonb
              ELSE '{"days":["TU","WE","TH","FR","SA","SU"],"opens":"09:00","closes":"17:00"}'::jsonb END AS opening_hours,
         CASE WHEN t.rs < 0.01 THEN 'suspended' ELSE 'active' END AS status,
         now() - t.rv * interval '300 days' AS verified_at
       FROM t JOIN bench_units u ON u.n = t.un`,
      [RESOURCES, units, PLACES, DOMAINS],
    );
    await q(
      'resources',
      `INSERT INTO resources (district_id, id, org_unit_id, name, description, address, location, terms, keywords,
         name_tokens, search_tokens, age_min, age_max, opening_hours, status, verified_at)
       SELECT district_id, id, org_unit_id, name, description, address, location, terms, keywords,
         name_tokens, search_tokens, age_min, age_max, opening_hours, status, verified_at
       FROM bench_res ORDER BY district_id, id`,
    );

    // Slots: SLOTS_PER_RESOURCE sessions over the next 14 days between 08:00 and 19:30 Beijing time.
    const slotsTotal = RESOURCES * SLOTS_PER_RESOURCE;
    // ~40% of bookings sit in sold-out sessions (about 1% of them), the rest spread thinly.
    const fullShare = Math.min(0.05, (0.4 * BOOKINGS) / 40 / slotsTotal);
    await q(
      'slots (planned)',
      `CREATE TEMP TABLE bench_slot AS
       SELECT row_number() OVER ()::bigint AS n, gen_random_uuid() AS id, r.district_id, r.id AS resource_id,
         (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')
           + make_interval(days => (k * 14 / $1::int), hours => 8 + ((k * 7 + r.hoff) % 12), mins => 30 * ((k + r.hoff) % 2)) AS starts_at,
         (20 + floor(random() * 41))::int AS capacity,
         CASE WHEN random() < 0.02 THEN 'closed' ELSE 'open' END AS status,
         random() < $2::float8 AS is_full
       FROM bench_res r CROSS JOIN generate_series(0, $1::int - 1) k`,
      [SLOTS_PER_RESOURCE, fullShare],
    );
    await gen.query(`CREATE INDEX ON bench_slot (n)`);
    await gen.query(`ANALYZE bench_slot`);

    // Children who book: the existing students, each with their (primary) guardian.
    await gen.query(
      `CREATE TEMP TABLE bench_students AS
       SELECT (row_number() OVER (ORDER BY s.district_id, s.id) - 1)::int AS n, s.district_id, s.id, g.guardian_user_id
       FROM students s
       JOIN LATERAL (SELECT guardian_user_id FROM guardianships g WHERE g.district_id = s.district_id AND g.student_id = s.id
                     ORDER BY g.is_primary DESC LIMIT 1) g ON true`,
    );
    const studentCount = Number((await gen.query(`SELECT count(*)::int AS n FROM bench_students`)).rows[0].n);
    if (studentCount < 60) throw new Error(`only ${studentCount} students with guardians; need ≥ 60 for full sessions`);

    // Who booked: synthetic guardian accounts (no password, cannot sign in), about 4 bookings each.
    const guardianCount = GUARDIANS === 'families' ? Math.max(1000, Math.ceil(BOOKINGS / 4)) : 0;
    await gen.query(`CREATE TEMP TABLE bench_guardians AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(1, $1::int) g`, [guardianCount]);
    if (guardianCount > 0) {
      await q(
        'guardian accounts',
        `INSERT INTO users (id, username, display_name) SELECT id, 'bmg' || lpad(n::text, 7, '0'), '压测家庭' || n FROM bench_guardians`,
      );
      await gen.query(`CREATE UNIQUE INDEX ON bench_guardians (n)`);
    }
    const gn = `CASE WHEN ${guardianCount} > 0 THEN 1 + floor(random() * ${guardianCount})::int END`;

    // Booking plan: (slot, k-th booking of that slot, status). Live bookings of one slot have distinct k, hence
    // distinct children, and never more than the capacity, so `taken` = live count satisfies the CHECK.
    await gen.query(`CREATE TEMP TABLE bench_bk (slot_n bigint NOT NULL, k int NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL, gn int)`);
    await q(
      'bookings in sold-out sessions (planned)',
      `INSERT INTO bench_bk
       SELECT s.n, k, CASE WHEN random() < 0.04 THEN 'checkedIn' ELSE 'confirmed' END, now() - random() * interval '10 days', ${gn}
       FROM bench_slot s CROSS JOIN generate_series(1, least(s.capacity, $1::int)) k WHERE s.is_full`,
      [studentCount],
    );
    await gen.query(
      `INSERT INTO bench_bk
       SELECT s.n, 100000 + k, 'cancelled', now() - random() * interval '10 days', ${gn}
       FROM bench_slot s CROSS JOIN generate_series(1, floor(random() * 4)::int) k WHERE s.is_full`,
    );
    const planned = Number((await gen.query(`SELECT count(*)::int AS n FROM bench_bk`)).rows[0].n);
    const rest = Math.max(0, BOOKINGS - planned);
    await q(
      'other bookings (planned)',
      `INSERT INTO bench_bk
       SELECT q.sn, q.k, q.st, q.ca, ${gn} FROM (
         SELECT p.sn, row_number() OVER (PARTITION BY p.sn ORDER BY p.r)::int AS k, p.st, p.ca
         FROM (SELECT 1 + floor(random() * $1::bigint)::bigint AS sn, random() AS r,
                 CASE WHEN random() < 0.09 THEN 'cancelled' WHEN random() < 0.03 THEN 'checkedIn' ELSE 'confirmed' END AS st,
                 now() - random() * interval '10 days' AS ca
               FROM generate_series(1, $2::int)) p
       ) q JOIN bench_slot s ON s.n = q.sn
       WHERE NOT s.is_full AND q.k <= least(s.capacity, $3::int)
       LIMIT $4::int`,
      [slotsTotal, Math.ceil((rest / Math.max(0.5, 1 - fullShare)) * 1.05) + 100, studentCount, rest],
    );

    await q(
      'slots',
      `INSERT INTO slots (district_id, id, resource_id, starts_at, ends_at, capacity, taken, status)
       SELECT s.district_id, s.id, s.resource_id, s.starts_at, s.starts_at + interval '90 minutes', s.capacity, coalesce(t.n, 0), s.status
       FROM bench_slot s
       LEFT JOIN (SELECT slot_n, count(*)::int AS n FROM bench_bk WHERE status <> 'cancelled' GROUP BY slot_n) t ON t.slot_n = s.n
       ORDER BY s.district_id, s.resource_id, s.starts_at`,
    );
    // Check-in codes '0XXXXXXX': unique, and never equal to a server-made code (its alphabet has no 0).
    await q(
      'bookings',
      `INSERT INTO bookings (district_id, slot_id, resource_id, guardian_user_id, student_district_id, student_id, status,
         check_in_code, cancelled_by, cancelled_at, confirmed_at, checked_in_at, created_at, updated_at)
       SELECT s.district_id, s.id, s.resource_id, coalesce(bg.id, st.guardian_user_id), st.district_id, st.id, b.status,
         '0' || upper(lpad(to_hex(row_number() OVER ()), 7, '0')),
         CASE WHEN b.status = 'cancelled' THEN 'family' END,
         CASE WHEN b.status = 'cancelled' THEN b.created_at + interval '1 hour' END,
         CASE WHEN b.status <> 'cancelled' THEN b.created_at END,
         CASE WHEN b.status = 'checkedIn' THEN s.starts_at END,
         b.created_at, b.created_at
       FROM bench_bk b JOIN bench_slot s ON s.n = b.slot_n JOIN bench_students st ON st.n = (s.n + b.k) % $1::int
       LEFT JOIN bench_guardians bg ON bg.n = b.gn`,
      [studentCount],
    );
    await gen.query(`RESET session_replication_role`);
    const t = performance.now();
    await gen.query(`VACUUM (ANALYZE) resources`);
    await gen.query(`VACUUM (ANALYZE) slots`);
    await gen.query(`VACUUM (ANALYZE) bookings`);
    await gen.query(`VACUUM (ANALYZE) org_units`);
    log(`  VACUUM ANALYZE: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await gen.end();
  }
  await db.execute(sql`ANALYZE`);
  const counts = (
    await db.execute<{ resources: number; slots: number; bookings: number; units: number; full_slots: number; guardians: number }>(sql`
      SELECT (SELECT count(*)::int FROM resources) AS resources, (SELECT count(*)::int FROM slots) AS slots,
        (SELECT count(*)::int FROM bookings) AS bookings,
        (SELECT count(*)::int FROM org_units WHERE kind = 'resourceUnit') AS units,
        (SELECT count(*)::int FROM slots WHERE taken = capacity) AS full_slots,
        (SELECT count(DISTINCT guardian_user_id)::int FROM bookings) AS guardians`)
  ).rows[0]!;
  return { seconds: (performance.now() - started) / 1000, counts: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])) };
}

/* ───────────────────────── sign-in and families ───────────────────────── */

interface Family {
  userId: string;
  username: string;
  studentId: string;
  studentDistrictId: string;
  cookie?: string;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gy_session='));
  if (!cookie) throw new Error(`login ${username}: no gy_session cookie`);
  return cookie.split(';')[0]!;
}

/** What POST /auth/login stores for a guardian (service.login), minus the scrypt check: a session row and its cookie. */
async function mintSessions(db: Database, families: Family[]) {
  const life = sessionLifetimes.guardian;
  const minted = families.map((f) => ({ f, ...newSessionToken() }));
  for (let i = 0; i < minted.length; i += 500) {
    const chunk = minted.slice(i, i + 500);
    await db.insert(schema.sessions).values(
      chunk.map((m) => ({
        id: m.id,
        userId: m.f.userId,
        idleTimeoutSeconds: life.idleSeconds,
        expiresAt: sql`now() + make_interval(secs => ${life.absoluteSeconds})`,
        ip: '127.0.0.1',
        userAgent: 'bench-map',
      })),
    );
  }
  for (const m of minted) m.f.cookie = `gy_session=${m.token}`;
}

/** N new guardian accounts (parent1's password hash, so DEMO_PASSWORD signs in), each with one child. */
async function createFamilies(db: Database, prefix: string, n: number): Promise<Family[]> {
  const result = await db.execute<{ user_id: string; username: string; student_id: string; district_id: string }>(sql`
    WITH cls AS (SELECT (row_number() OVER (ORDER BY district_id, id) - 1)::int AS n, district_id, school_id, id FROM classes),
    ncls AS (SELECT count(*)::int AS c FROM cls),
    hash AS (SELECT password_hash FROM users WHERE username = 'parent1'),
    fam AS (
      SELECT g, gen_random_uuid() AS uid, gen_random_uuid() AS sid, c.district_id, c.school_id, c.id AS class_id
      FROM generate_series(1, ${n}::int) g JOIN cls c ON c.n = g % (SELECT c FROM ncls)
    ),
    u AS (
      INSERT INTO users (id, username, display_name, password_hash)
      SELECT uid, ${prefix}::text || lpad(g::text, 5, '0'), '压测家长' || g, (SELECT password_hash FROM hash) FROM fam RETURNING id
    ),
    s AS (
      INSERT INTO students (district_id, id, school_id, class_id, student_no, name, gender, birth_date)
      SELECT district_id, sid, school_id, class_id, ${prefix}::text || lpad(g::text, 5, '0'), '压测学生' || g,
        (CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END)::gender, DATE '2016-03-01' + (g % 1000)
      FROM fam RETURNING id
    ),
    gd AS (
      INSERT INTO guardianships (district_id, student_id, guardian_user_id, relation, is_primary)
      SELECT district_id, sid, uid, 'mother', true FROM fam RETURNING 1
    )
    SELECT uid AS user_id, ${prefix}::text || lpad(g::text, 5, '0') AS username, sid AS student_id, district_id FROM fam`);
  return result.rows
    .map((r) => ({ userId: r.user_id, username: r.username, studentId: r.student_id, studentDistrictId: r.district_id }))
    .sort((a, b) => a.username.localeCompare(b.username));
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}

/* ───────────────────────── 3. search ───────────────────────── */

/** Exactly runSearch's SQL: the statement, and the fallback statement when a text query matched nothing. */
async function runRaw(pgPool: pg.Pool, c: SearchCase) {
  const first = await pgPool.query<{ id: string }>({ text: c.text, values: c.params });
  if (first.rows.length > 0 || !c.fallback) return { rows: first.rows, fallback: false };
  const second = await pgPool.query<{ id: string }>({ text: c.fallback.text, values: c.fallback.params });
  return { rows: second.rows, fallback: true };
}

interface SearchCase {
  kind: string;
  path: string;
  plan: SearchPlan;
  text: string;
  params: unknown[];
  /** runSearch's second statement (without the text condition), run when the first finds nothing. */
  fallback: { text: string; params: unknown[] } | null;
}

function searchPaths(tomorrow: string): { kind: string; query: Record<string, string | string[]> }[] {
  const rand = mulberry32(20_260_401);
  const point = () => ({ lat: (39.8 + rand() * 0.25).toFixed(5), lng: (116.2 + rand() * 0.4).toFixed(5) });
  const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
  const texts = ['科技馆', '博物馆', '公园', '天文', '恐龙', '游泳', '图书馆', '消防安全', '红色', '劳动农场', '美术', '篮球'];
  const tagSets = [['domain:ti'], ['domain:kexue'], ['domain:mei'], ['domain:de'], ['domain:lao'], ['domain:zhi'], ['domain:anquan'], ['domain:xinli'], ['domain:ti', 'price:free'], ['type:museum'], ['theme:hongse'], ['domain:kexue', 'type:science']];
  const out: { kind: string; query: Record<string, string | string[]> }[] = [];
  for (let i = 0; i < 15; i++) out.push({ kind: '标签+附近', query: { ...point(), term: pick(tagSets, i), limit: '10' } });
  for (let i = 0; i < 12; i++) out.push({ kind: '文本+附近', query: { q: pick(texts, i), ...point() } });
  for (let i = 0; i < 10; i++) {
    out.push({ kind: '半径3km', query: { ...point(), radius: '3000', ...(i % 2 ? { term: pick(tagSets, i) } : {}) } });
  }
  for (let i = 0; i < 8; i++) out.push({ kind: '明天有余位', query: { ...point(), date: tomorrow, ...(i % 2 ? { term: pick(tagSets, i + 3) } : {}) } });
  for (let i = 0; i < 5; i++) out.push({ kind: '默认', query: i < 3 ? {} : { q: pick(texts, i) } });
  return out;
}

function toPath(query: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
  const qs = params.toString();
  return `/api/v1/resources/search${qs ? `?${qs}` : ''}`;
}

async function buildSearchCases(db: Database, parentUserId: string): Promise<SearchCase[]> {
  const dialect = new PgDialect();
  const [user] = await db.select().from(schema.users).where(sql`${schema.users.id} = ${parentUserId}`);
  const actor = await loadActor(db, user!);
  const tomorrow = addDays(todayInBeijing(), 1);
  const cases: SearchCase[] = [];
  for (const { kind, query } of searchPaths(tomorrow)) {
    // Exactly what the endpoint does: the contract's validation, then planSearch.
    const parsed = searchResources.query!.parse(query);
    const { plan } = await planSearch(db, actor, parsed, '127.0.0.1');
    const compiled = dialect.sqlToQuery(searchStatement(plan, true));
    const second = plan.tokens.length > 0 ? dialect.sqlToQuery(searchStatement(plan, false)) : null;
    cases.push({
      kind,
      path: toPath(query),
      plan,
      text: compiled.sql,
      params: compiled.params,
      fallback: second ? { text: second.sql, params: second.params } : null,
    });
  }
  return cases;
}

async function rawSearch(pgPool: pg.Pool, cases: SearchCase[], seconds: number, workers = CONNECTIONS): Promise<Figure & { perKind: Map<string, number[]> }> {
  const latencies: number[] = [];
  const perKind = new Map<string, number[]>();
  let next = 0;
  let bad = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        const c = cases[next++ % cases.length]!;
        const t = performance.now();
        try {
          await runRaw(pgPool, c);
        } catch (error) {
          bad++;
          if (bad <= 3) console.error(`raw search failed for ${c.path}:`, error);
          continue;
        }
        const ms = performance.now() - t;
        latencies.push(ms);
        const list = perKind.get(c.kind) ?? [];
        list.push(ms);
        perKind.set(c.kind, list);
      }
    }),
  );
  return { ...summarize(latencies, (performance.now() - started) / 1000, bad), perKind };
}

async function endpointSearch(base: string, cookie: string, cases: SearchCase[], seconds: number) {
  let next = 0;
  const failed: string[] = [];
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (req, context) => {
          const c = cases[next++ % cases.length]!;
          (context as { path?: string }).path = c.path;
          return { ...req, method: 'GET', path: c.path, headers: { cookie } };
        },
        onResponse: (status, body, context) => {
          if ((status < 200 || status > 299) && failed.length < 5) {
            failed.push(`GET ${(context as { path?: string }).path} → ${status} ${body.slice(0, 400)}`);
          }
        },
      },
    ],
  });
  return {
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    count: result.requests.total,
    bad: result.non2xx + result.errors + result.timeouts,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    failed,
  };
}

/* ───────────────────────── 4./5. bookings ───────────────────────── */

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function checkInCode() {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

interface HotSlot {
  districtId: string;
  id: string;
  resourceId: string;
}

async function makeSlot(db: Database, resource: { districtId: string; id: string }, capacity: number, startsInMinutes: number): Promise<HotSlot> {
  const result = await db.execute<{ district_id: string; id: string; resource_id: string }>(sql`
    INSERT INTO slots (district_id, resource_id, starts_at, ends_at, capacity)
    VALUES (${resource.districtId}, ${resource.id}, date_trunc('minute', now()) + make_interval(mins => ${startsInMinutes}::int),
      date_trunc('minute', now()) + make_interval(mins => ${startsInMinutes + 90}::int), ${capacity})
    RETURNING district_id, id, resource_id`);
  const row = result.rows[0]!;
  return { districtId: row.district_id, id: row.id, resourceId: row.resource_id };
}

interface BookingRun {
  latencies: number[];
  seconds: number;
  bad: number;
  samples: string[];
}

async function httpBookings(base: string, families: Family[], slot: HotSlot, run: BookingRun, concurrency = CONNECTIONS) {
  const started = performance.now();
  await pool(families, concurrency, async (f) => {
    const t = performance.now();
    let res: Response;
    let body: string;
    try {
      res = await fetch(`${base}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: f.cookie! },
        body: JSON.stringify({ slotId: slot.id, studentId: f.studentId, joinWaitlist: false, confirmNow: true }),
      });
      body = await res.text();
    } catch (error) {
      run.bad++;
      if (run.samples.length < 5) run.samples.push(`POST /api/v1/bookings (${f.username}): ${(error as Error).message}`);
      return;
    }
    if (res.status !== 201) {
      run.bad++;
      if (run.samples.length < 5) run.samples.push(`POST /api/v1/bookings (${f.username}, slot ${slot.id}) → ${res.status} ${body.slice(0, 400)}`);
      return;
    }
    run.latencies.push(performance.now() - t);
  });
  run.seconds += (performance.now() - started) / 1000;
}

async function rawBookings(pgPool: pg.Pool, families: Family[], slot: HotSlot, run: BookingRun) {
  const started = performance.now();
  await pool(families, CONNECTIONS, async (f) => {
    const t = performance.now();
    const client = await pgPool.connect();
    try {
      await client.query('BEGIN');
      const seat = await client.query(
        `UPDATE slots SET taken = taken + 1
         WHERE district_id = $1 AND id = $2 AND status = 'open' AND starts_at > now() AND taken < capacity RETURNING *`,
        [slot.districtId, slot.id],
      );
      if (seat.rowCount !== 1) throw new Error('no seat taken');
      await client.query(
        `INSERT INTO bookings (district_id, slot_id, resource_id, guardian_user_id, student_district_id, student_id, status, confirmed_at, check_in_code)
         VALUES ($1, $2, $3, $4, $5, $6, 'confirmed', now(), $7) RETURNING id`,
        [slot.districtId, slot.id, slot.resourceId, f.userId, f.studentDistrictId, f.studentId, checkInCode()],
      );
      await client.query('COMMIT');
      run.latencies.push(performance.now() - t);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      run.bad++;
      if (run.samples.length < 5) run.samples.push(`raw booking (${f.username}): ${(error as Error).message}`);
    } finally {
      client.release();
    }
  });
  run.seconds += (performance.now() - started) / 1000;
}

/* ───────────────────────── where the endpoint's time goes ───────────────────────── */

interface Breakdown {
  requests: number;
  auth: number;
  validation: number;
  handler: number;
  serialization: number;
  total: number;
  queries: number;
  poolWait: number;
  sqlExec: number;
}

/** Per-statement totals, keyed by the statement's first words. */
type StatementStats = Map<string, { n: number; ms: number }>;

/**
 * A second app on an instrumented pool (same size as the server's, 10) with Fastify hook timings. Every statement
 * is timed, inside transactions too, and the wait for a pool client is timed apart.
 */
async function profiledApp(config: ReturnType<typeof loadConfig>) {
  const pgPool = new pg.Pool({ connectionString: benchUrl, max: 10 });
  pgPool.on('error', () => undefined);
  const totals: Breakdown = { requests: 0, auth: 0, validation: 0, handler: 0, serialization: 0, total: 0, queries: 0, poolWait: 0, sqlExec: 0 };
  const statements: StatementStats = new Map();
  type AnyQuery = (...args: unknown[]) => unknown;
  const wrapped = new WeakSet<object>();
  const connect = pgPool.connect.bind(pgPool) as () => Promise<pg.PoolClient>;
  const timedConnect = async () => {
    const t = performance.now();
    const client = await connect();
    totals.poolWait += performance.now() - t;
    if (!wrapped.has(client)) {
      wrapped.add(client);
      const query = client.query.bind(client) as AnyQuery;
      (client as unknown as { query: AnyQuery }).query = (...args: unknown[]) => {
        const started = performance.now();
        const result = query(...args);
        if (!(result instanceof Promise)) return result;
        const first = args[0];
        const text = typeof first === 'string' ? first : ((first as { text?: string }).text ?? '');
        return result.finally(() => {
          const ms = performance.now() - started;
          totals.sqlExec += ms;
          totals.queries++;
          const key = text.replace(/\s+/g, ' ').trim().slice(0, 72);
          const entry = statements.get(key) ?? { n: 0, ms: 0 };
          entry.n++;
          entry.ms += ms;
          statements.set(key, entry);
        });
      };
    }
    return client;
  };
  (pgPool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = timedConnect;
  // drizzle runs statements outside transactions with pool.query: route them through the timed client too.
  (pgPool as unknown as { query: AnyQuery }).query = async (...args: unknown[]) => {
    const client = await timedConnect();
    try {
      return await (client.query as AnyQuery)(...args);
    } finally {
      client.release();
    }
  };
  const db = drizzle({ client: pgPool, schema });
  const app = await buildApp({ db, config }, { logger: false, serveWeb: false });
  const marks = new WeakMap<FastifyRequest, Record<string, number>>();
  const mark = (name: string) => async (request: FastifyRequest) => {
    const m = marks.get(request) ?? {};
    m[name] = performance.now();
    marks.set(request, m);
  };
  app.addHook('onRequest', mark('start'));
  app.addHook('preValidation', mark('authed'));
  app.addHook('preHandler', mark('validated'));
  app.addHook('preSerialization', async (request, _reply, payload) => {
    await mark('handled')(request);
    return payload;
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    await mark('serialized')(request);
    return payload;
  });
  app.addHook('onResponse', async (request) => {
    const m = marks.get(request);
    if (!m?.start || !m.authed || !m.validated || !m.handled || !m.serialized) return;
    totals.requests++;
    totals.auth += m.authed - m.start;
    totals.validation += m.validated - m.authed;
    totals.handler += m.handled - m.validated;
    totals.serialization += m.serialized - m.handled;
    totals.total += performance.now() - m.start;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const reset = () => {
    Object.assign(totals, { requests: 0, auth: 0, validation: 0, handler: 0, serialization: 0, total: 0, queries: 0, poolWait: 0, sqlExec: 0 });
    statements.clear();
  };
  return {
    base,
    totals,
    statements,
    reset,
    close: async () => {
      await app.close();
      await pgPool.end();
    },
  };
}

/** The statements that cost most per request, e.g. "269.2 ms SELECT count(*)…". */
function topStatements(statements: StatementStats, requests: number, n = 4) {
  return [...statements.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, n)
    .map(([key, v]) => `${(v.ms / requests).toFixed(2)} ms «${key}»`);
}

/** Samples pg_stat_activity while `work` runs: mean number of active backends per wait event (CPU = none). */
async function sampleWaits<T>(work: () => Promise<T>): Promise<{ result: T; waits: string }> {
  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ w: string; n: number }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() GROUP BY 1`,
      );
      samples++;
      for (const r of rows) counts.set(r.w, (counts.get(r.w) ?? 0) + Number(r.n));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  try {
    const result = await work();
    return {
      result,
      waits: [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([w, n]) => `${w} ${(n / Math.max(1, samples)).toFixed(1)}`)
        .join(', '),
    };
  } finally {
    running = false;
    await loop;
    await client.end();
  }
}

function perRequest(b: Breakdown) {
  const n = Math.max(1, b.requests);
  return {
    total: b.total / n,
    auth: b.auth / n,
    validation: b.validation / n,
    handler: b.handler / n,
    serialization: b.serialization / n,
    queries: b.queries / n,
    poolWait: b.poolWait / n,
    sqlExec: b.sqlExec / n,
  };
}

/* ───────────────────────── main ───────────────────────── */

async function main() {
  const loadBefore = loadavg()[0]!;
  log(`bench:map — ${RESOURCES.toLocaleString()} resources, ${BOOKINGS.toLocaleString()} bookings, ${SECONDS} s per run, ${CONNECTIONS} connections`);
  await recreateDatabase();
  log(`database ${BENCH_DB} recreated`);
  const config = loadConfig({ ...process.env, DATABASE_URL: benchUrl, LOG_LEVEL: 'silent' });
  const handle = await openDatabase(config);
  const cleanups: (() => Promise<unknown>)[] = [() => handle.close()];
  const summary: string[] = [];
  try {
    await migrateDatabase(handle);
    await seedDemoCity(handle.db, 'test');
    const venues = await seedVenueDirectory(handle.db);
    log(`test city + ${venues} real venues seeded; generating the city…`);
    const generated = await generateCity(handle.db);
    log(`generated in ${generated.seconds.toFixed(1)} s: ${JSON.stringify(generated.counts)}`);

    const app: FastifyInstance = await buildApp({ db: handle.db, config }, { logger: false, serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.unshift(() => app.close());
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

    /* ── search ── */
    const parentCookie = await login(base, 'parent1');
    const [parent] = await handle.db.select({ id: schema.users.id }).from(schema.users).where(sql`${schema.users.username} = 'parent1'`);
    const cases = await buildSearchCases(handle.db, parent!.id);
    const rawPool = new pg.Pool({ connectionString: benchUrl, max: CONNECTIONS });
    rawPool.on('error', () => undefined);
    cleanups.unshift(() => rawPool.end());

    // Same work on both sides: the endpoint's hits must be the raw statement's rows (and answer 200).
    let mismatched = 0;
    let empty = 0;
    for (const c of cases) {
      const res = await fetch(`${base}${c.path}`, { headers: { cookie: parentCookie } });
      const text = await res.text();
      if (res.status !== 200) {
        fail(`GET ${c.path} → ${res.status} ${text.slice(0, 400)}`);
        continue;
      }
      const body = JSON.parse(text) as { items: { id: string }[]; fallback: boolean };
      const raw = await runRaw(rawPool, c);
      if (raw.fallback) {
        empty++;
        console.warn(`  note: ${decodeURIComponent(c.path)} matched nothing; both sides run the fallback statement`);
      }
      if (body.items.map((i) => i.id).join() !== raw.rows.map((r) => r.id).join()) {
        mismatched++;
        if (mismatched <= 3) console.warn(`  note: ${c.path} — endpoint ${body.items.length} hits, raw ${raw.rows.length} rows, fallback=${body.fallback}`);
      }
    }
    log(`search mix: ${cases.length} queries (${[...new Set(cases.map((c) => c.kind))].join('、')}); endpoint ≠ raw ids for ${mismatched}, text fallback for ${empty}`);

    const warm = Math.min(3, SECONDS);
    await rawSearch(rawPool, cases, warm);
    const raw = await rawSearch(rawPool, cases, SECONDS);
    log(`raw search SQL: ${fmt(raw.perSecond)} q/s, p50 ${fmt(raw.p50, 1)} ms, p99 ${fmt(raw.p99, 1)} ms, errors ${raw.bad}`);
    // The server's pool has 10 clients; 32 backends on this machine's cores may oversubscribe it, so also 10.
    const rawPool10 = new pg.Pool({ connectionString: benchUrl, max: 10 });
    rawPool10.on('error', () => undefined);
    const raw10 = await rawSearch(rawPool10, cases, SECONDS, 10);
    await rawPool10.end();
    log(`raw search SQL, 10 clients: ${fmt(raw10.perSecond)} q/s, p50 ${fmt(raw10.p50, 1)} ms, p99 ${fmt(raw10.p99, 1)} ms, errors ${raw10.bad}`);
    await endpointSearch(base, parentCookie, cases, warm);
    const endpoint = await endpointSearch(base, parentCookie, cases, SECONDS);
    log(`GET /api/v1/resources/search: ${fmt(endpoint.perSecond)} req/s, p50 ${fmt(endpoint.p50, 1)} ms, p99 ${fmt(endpoint.p99, 1)} ms, non-2xx ${endpoint.non2xx}, errors ${endpoint.errors}, timeouts ${endpoint.timeouts}`);
    if (endpoint.bad > 0 || raw.bad > 0 || raw10.bad > 0) {
      fail(`search: ${endpoint.non2xx} non-2xx, ${endpoint.errors} errors, ${endpoint.timeouts} timeouts, ${raw.bad + raw10.bad} raw errors`);
      for (const f of endpoint.failed) console.error(`  ${f}`);
    }

    /* ── where the endpoint's time goes ── */
    const profiled = await profiledApp(config);
    cleanups.unshift(() => profiled.close());
    const profiledCookie = await login(profiled.base, 'parent1');
    // Serial: one request at a time, so nothing queues.
    const serialRounds = 4;
    const serialClient: number[] = [];
    for (let round = 0; round <= serialRounds; round++) {
      if (round === 1) profiled.reset();
      for (const c of cases) {
        const t = performance.now();
        const res = await fetch(`${profiled.base}${c.path}`, { headers: { cookie: profiledCookie } });
        await res.arrayBuffer();
        if (round > 0) serialClient.push(performance.now() - t);
      }
    }
    const serial = perRequest(profiled.totals);
    const searchStatements = topStatements(profiled.statements, profiled.totals.requests, 2);
    const serialRawLat: number[] = [];
    for (let round = 0; round < serialRounds; round++) {
      for (const c of cases) {
        const t = performance.now();
        await runRaw(rawPool, c);
        serialRawLat.push(performance.now() - t);
      }
    }
    const serialRaw = serialRawLat.reduce((a, b) => a + b, 0) / serialRawLat.length;
    const serialEndpoint = serialClient.reduce((a, b) => a + b, 0) / serialClient.length;
    const sortedSerial = serialClient.slice().sort((a, b) => a - b);
    const sortedSerialRaw = serialRawLat.slice().sort((a, b) => a - b);
    log(
      `serial (1 connection): endpoint mean ${serialEndpoint.toFixed(2)} ms (p99 ${percentile(sortedSerial, 99).toFixed(1)}) — server ${serial.total.toFixed(2)}: ` +
        `auth ${serial.auth.toFixed(2)}, validation ${serial.validation.toFixed(2)}, handler ${serial.handler.toFixed(2)} ` +
        `(SQL ${serial.sqlExec.toFixed(2)} in ${serial.queries.toFixed(1)} statements), serialization ${serial.serialization.toFixed(2)}; ` +
        `raw SQL mean ${serialRaw.toFixed(2)} ms (p99 ${percentile(sortedSerialRaw, 99).toFixed(1)})`,
    );
    // Loaded: 32 connections against the server's 10-client pool.
    profiled.reset();
    const loadedRun = await endpointSearch(profiled.base, profiledCookie, cases, Math.max(3, Math.round(SECONDS / 2)));
    const loaded = perRequest(profiled.totals);
    log(
      `loaded (32 connections, pool 10): ${fmt(loadedRun.perSecond)} req/s, server ${loaded.total.toFixed(1)} ms/request: ` +
        `auth ${loaded.auth.toFixed(1)}, handler ${loaded.handler.toFixed(1)}, serialization ${loaded.serialization.toFixed(2)}; ` +
        `per request: waiting for a pool client ${loaded.poolWait.toFixed(1)} ms, SQL ${loaded.sqlExec.toFixed(1)} ms`,
    );
    // Per query kind, raw SQL latency under load (which statements are expensive).
    const kinds = [...raw.perKind.entries()].map(([kind, list]) => {
      const s = list.slice().sort((a, b) => a - b);
      return `${kind} p50 ${percentile(s, 50).toFixed(1)}/p99 ${percentile(s, 99).toFixed(1)} ms`;
    });
    log(`raw SQL by kind (under load): ${kinds.join('; ')}`);

    /* ── bookings: hot slot ── */
    const [hotResource] = (
      await handle.db.execute<{ district_id: string; id: string }>(sql`
        SELECT district_id, id FROM resources WHERE status = 'active' ORDER BY (name LIKE '%科技馆') DESC, id LIMIT 1`)
    ).rows;
    const resource = { districtId: hotResource!.district_id, id: hotResource!.id };
    const httpFamilies = await createFamilies(handle.db, 'benchfam', FAMILIES);
    const rawFamilies = await createFamilies(handle.db, 'benchraw', FAMILIES);
    const scratch = (): BookingRun => ({ latencies: [], seconds: 0, bad: 0, samples: [] });
    const viaHttp = httpFamilies.slice(0, HTTP_LOGINS);
    log(`${httpFamilies.length} + ${rawFamilies.length} families created; ${viaHttp.length} sign in over HTTP, ${httpFamilies.length - viaHttp.length} sessions minted`);
    const loginStarted = performance.now();
    await pool(viaHttp, 4, async (f) => {
      f.cookie = await login(base, f.username);
    });
    const loginMs = (performance.now() - loginStarted) / Math.max(1, viaHttp.length);
    await mintSessions(handle.db, httpFamilies.slice(HTTP_LOGINS));
    log(`families signed in (HTTP sign-in ${loginMs.toFixed(0)} ms each at concurrency 4)`);

    // Serial booking profile on the instrumented app: which statements a booking spends its time in.
    const profFamilies = await createFamilies(handle.db, 'benchprof', 40);
    await mintSessions(handle.db, profFamilies);
    const profSlot = await makeSlot(handle.db, resource, 100_000, 2 * 24 * 60);
    const profRun = scratch();
    await httpBookings(profiled.base, profFamilies.slice(0, 10), profSlot, profRun, 1);
    profiled.reset();
    const serialBooking = scratch();
    await httpBookings(profiled.base, profFamilies.slice(10), profSlot, serialBooking, 1);
    const bookingProfile = perRequest(profiled.totals);
    const bookingStatements = topStatements(profiled.statements, profiled.totals.requests, 4);
    const serialBookingMean = serialBooking.latencies.reduce((a, b) => a + b, 0) / Math.max(1, serialBooking.latencies.length);
    log(
      `serial booking (1 connection): mean ${serialBookingMean.toFixed(1)} ms; server ${bookingProfile.total.toFixed(1)} ms, ` +
        `SQL ${bookingProfile.sqlExec.toFixed(1)} ms in ${bookingProfile.queries.toFixed(1)} statements; costliest: ${bookingStatements.join('; ')}`,
    );
    if (profRun.bad + serialBooking.bad > 0) fail(`booking profile: ${profRun.bad + serialBooking.bad} bookings failed: ${[...profRun.samples, ...serialBooking.samples].join(' | ')}`);
    await profiled.close();
    cleanups.shift();

    const warmSlot = await makeSlot(handle.db, resource, 100_000, 3 * 24 * 60);
    const hot: HotSlot[] = [];
    for (let r = 0; r < HOT_ROUNDS; r++) hot.push(await makeSlot(handle.db, resource, 100_000, 3 * 24 * 60 + 120 * (r + 1)));
    const warmHttp = scratch();
    const warmRaw = scratch();
    await httpBookings(base, httpFamilies.slice(0, 64), warmSlot, warmHttp);
    await rawBookings(rawPool, rawFamilies.slice(0, 64), warmSlot, warmRaw);
    const httpRun = scratch();
    const rawRun = scratch();
    let httpWaits = '';
    let rawWaits = '';
    for (const [r, slot] of hot.entries()) {
      // Alternate, so neither side always meets the larger slot; sample wait events in the last round.
      const last = r === hot.length - 1;
      if (last) httpWaits = (await sampleWaits(() => httpBookings(base, httpFamilies, slot, httpRun))).waits;
      else await httpBookings(base, httpFamilies, slot, httpRun);
      if (last) rawWaits = (await sampleWaits(() => rawBookings(rawPool, rawFamilies, slot, rawRun))).waits;
      else await rawBookings(rawPool, rawFamilies, slot, rawRun);
    }
    const httpFig = summarize(httpRun.latencies, httpRun.seconds, httpRun.bad + warmHttp.bad);
    const rawFig = summarize(rawRun.latencies, rawRun.seconds, rawRun.bad + warmRaw.bad);
    log(`hot slot POST /api/v1/bookings: ${fmt(httpFig.perSecond)} bookings/s, p50 ${httpFig.p50.toFixed(1)} ms, p99 ${httpFig.p99.toFixed(1)} ms, ${httpFig.count} ok, ${httpFig.bad} refused/failed`);
    log(`hot slot raw transaction:      ${fmt(rawFig.perSecond)} bookings/s, p50 ${rawFig.p50.toFixed(1)} ms, p99 ${rawFig.p99.toFixed(1)} ms, ${rawFig.count} ok, ${rawFig.bad} failed`);
    log(`hot slot wait events (mean active backends): HTTP — ${httpWaits}; raw — ${rawWaits}`);
    for (const s of [...warmHttp.samples, ...httpRun.samples, ...warmRaw.samples, ...rawRun.samples]) console.error(`  ${s}`);
    if (httpFig.bad > 0 || rawFig.bad > 0) fail(`hot-slot bookings: ${httpFig.bad} HTTP and ${rawFig.bad} raw bookings failed`);

    /* ── 1,000-way contention for 50 seats ── */
    const contended = await makeSlot(handle.db, resource, CONTENTION_SEATS, 4 * 24 * 60);
    const outcomes = { held: 0, confirmed: 0, waitlisted: 0, refused: 0, other: 0, wrongRefusal: 0, wrongWaitlist: 0 };
    const otherSamples: string[] = [];
    const contentionStarted = performance.now();
    await Promise.all(
      httpFamilies.map(async (f, i) => {
        const joinWaitlist = i % 2 === 1;
        let res: Response;
        let text: string;
        try {
          res = await fetch(`${base}/api/v1/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: f.cookie! },
            body: JSON.stringify({ slotId: contended.id, studentId: f.studentId, joinWaitlist, confirmNow: false }),
          });
          text = await res.text();
        } catch (error) {
          outcomes.other++;
          if (otherSamples.length < 5) otherSamples.push(`POST /api/v1/bookings (${f.username}): ${(error as Error).message}`);
          return;
        }
        if (res.status === 201) {
          const status = (JSON.parse(text) as { status: string }).status;
          if (status === 'held') outcomes.held++;
          else if (status === 'confirmed') outcomes.confirmed++;
          else if (status === 'waitlisted') {
            outcomes.waitlisted++;
            if (!joinWaitlist) outcomes.wrongWaitlist++;
          } else outcomes.other++;
        } else if (res.status === 409 && text.includes('约满')) {
          outcomes.refused++;
          if (joinWaitlist) outcomes.wrongRefusal++;
        } else {
          outcomes.other++;
          if (otherSamples.length < 5) otherSamples.push(`POST /api/v1/bookings (${f.username}, joinWaitlist ${joinWaitlist}) → ${res.status} ${text.slice(0, 400)}`);
        }
      }),
    );
    const contentionSeconds = (performance.now() - contentionStarted) / 1000;
    const rows = (
      await handle.db.execute<{ taken: number; seats: number; waitlisted: number; total: number }>(sql`
        SELECT s.taken,
          (SELECT count(*)::int FROM bookings b WHERE b.district_id = s.district_id AND b.slot_id = s.id AND b.status IN ('held', 'confirmed', 'checkedIn')) AS seats,
          (SELECT count(*)::int FROM bookings b WHERE b.district_id = s.district_id AND b.slot_id = s.id AND b.status = 'waitlisted') AS waitlisted,
          (SELECT count(*)::int FROM bookings b WHERE b.district_id = s.district_id AND b.slot_id = s.id) AS total
        FROM slots s WHERE s.district_id = ${contended.districtId} AND s.id = ${contended.id}`)
    ).rows[0]!;
    log(
      `1,000 concurrent POSTs for ${CONTENTION_SEATS} seats in ${contentionSeconds.toFixed(1)} s: HTTP held ${outcomes.held}, confirmed ${outcomes.confirmed}, ` +
        `waitlisted ${outcomes.waitlisted}, 409 refused ${outcomes.refused}, other ${outcomes.other}; ` +
        `rows: seats ${rows.seats}, waitlisted ${rows.waitlisted}, total ${rows.total}; slots.taken ${rows.taken}`,
    );
    for (const s of otherSamples) console.error(`  ${s}`);
    const overbooked = Number(rows.taken) > CONTENTION_SEATS || Number(rows.seats) > CONTENTION_SEATS;
    if (overbooked) fail(`OVERBOOKED: taken ${rows.taken}, seat-holding rows ${rows.seats}, capacity ${CONTENTION_SEATS}`);
    if (Number(rows.taken) !== CONTENTION_SEATS || Number(rows.seats) !== CONTENTION_SEATS) fail(`contention: taken ${rows.taken} / seat rows ${rows.seats}, expected exactly ${CONTENTION_SEATS}`);
    if (outcomes.held + outcomes.confirmed !== CONTENTION_SEATS) fail(`contention: ${outcomes.held + outcomes.confirmed} seats granted over HTTP, expected ${CONTENTION_SEATS}`);
    if (outcomes.waitlisted !== Number(rows.waitlisted)) fail(`contention: ${outcomes.waitlisted} waitlisted answers but ${rows.waitlisted} rows`);
    if (outcomes.other > 0 || outcomes.wrongRefusal > 0 || outcomes.wrongWaitlist > 0) {
      fail(`contention: ${outcomes.other} unexpected answers, ${outcomes.wrongRefusal} refusals despite joinWaitlist, ${outcomes.wrongWaitlist} waitlisted without asking`);
    }

    // Whole-database invariant: every slot's `taken` equals its seat-holding bookings.
    const drift = (
      await handle.db.execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM slots s
        LEFT JOIN (SELECT district_id, slot_id, count(*)::int AS c FROM bookings WHERE status IN ('held', 'confirmed', 'checkedIn') GROUP BY 1, 2) b
          ON b.district_id = s.district_id AND b.slot_id = s.id
        WHERE s.taken <> coalesce(b.c, 0)`)
    ).rows[0]!;
    if (Number(drift.n) > 0) fail(`${drift.n} slots whose taken ≠ seat-holding bookings`);

    /* ── summary ── */
    const ratio = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;
    const c = generated.counts;
    summary.push(
      '',
      `══ 教育新地图基准 bench:map — PostgreSQL ${BENCH_DB}, ${CONNECTIONS} 并发, 每轮 ${SECONDS} s ══`,
      `机器: ${availableParallelism()} 核, 1 分钟负载 开始 ${loadBefore.toFixed(1)} / 结束 ${loadavg()[0]!.toFixed(1)} (负载高于核数时数字偏低)`,
      `数据: 资源 ${fmt(c.resources!)} (单位 ${fmt(c.units!)}), 时段 ${fmt(c.slots!)} (满员 ${fmt(c.full_slots!)}), 预约 ${fmt(c.bookings!)} (来自 ${fmt(c.guardians!)} 个家庭, BENCH_GUARDIANS=${GUARDIANS}); 生成耗时 ${generated.seconds.toFixed(1)} s`,
      '',
      '| 项目 | 吞吐 | p50 ms | p99 ms | 失败/非2xx | 对比基线 |',
      '|---|---:|---:|---:|---:|---:|',
      `| 搜索 原始SQL (searchStatement, pg.Pool 32) | ${fmt(raw.perSecond)} q/s | ${raw.p50.toFixed(1)} | ${raw.p99.toFixed(1)} | ${raw.bad} | 基线 |`,
      `| 搜索 原始SQL (同上, pg.Pool 10 = 服务端连接池大小) | ${fmt(raw10.perSecond)} q/s | ${raw10.p50.toFixed(1)} | ${raw10.p99.toFixed(1)} | ${raw10.bad} | 第二基线 |`,
      `| 搜索 GET /api/v1/resources/search (autocannon 32) | ${fmt(endpoint.perSecond)} req/s | ${endpoint.p50.toFixed(1)} | ${endpoint.p99.toFixed(1)} | ${endpoint.bad} | ${ratio(endpoint.perSecond, raw.perSecond)} / ${ratio(endpoint.perSecond, raw10.perSecond)} (目标 ≥ 40%) |`,
      `| 搜索 p99 对比 25 ms 目标 | | | ${endpoint.p99.toFixed(1)} | | ${endpoint.p99 <= 25 ? '达标' : `超出 ${(endpoint.p99 / 25).toFixed(1)}×`} |`,
      `| 搜索 单连接串行 端点 / 原始SQL 平均 | | ${serialEndpoint.toFixed(2)} / ${serialRaw.toFixed(2)} | ${percentile(sortedSerial, 99).toFixed(1)} / ${percentile(sortedSerialRaw, 99).toFixed(1)} | | ${ratio(serialRaw, serialEndpoint)} |`,
      `| 热门时段预约 原始事务 (UPDATE+INSERT, 32 pg) | ${fmt(rawFig.perSecond)} 次/s | ${rawFig.p50.toFixed(1)} | ${rawFig.p99.toFixed(1)} | ${rawFig.bad} | 基线 (${fmt(rawFig.count)} 次) |`,
      `| 热门时段预约 POST /api/v1/bookings (32 并发) | ${fmt(httpFig.perSecond)} 次/s | ${httpFig.p50.toFixed(1)} | ${httpFig.p99.toFixed(1)} | ${httpFig.bad} | ${ratio(httpFig.perSecond, rawFig.perSecond)} (${fmt(httpFig.count)} 次) |`,
      `| 1000 家庭同时抢 ${CONTENTION_SEATS} 座 (500 候补/500 不候补) | ${contentionSeconds.toFixed(1)} s | | | ${outcomes.other} | 占座 ${outcomes.held + outcomes.confirmed}, 候补 ${outcomes.waitlisted}, 409 ${outcomes.refused}; taken ${rows.taken} ${overbooked ? '✗ 超卖' : '✓ 未超卖'} |`,
      '',
      `端点耗时分解 (串行, 每请求): 服务端 ${serial.total.toFixed(2)} ms = 鉴权 ${serial.auth.toFixed(2)} + 校验 ${serial.validation.toFixed(2)} + 处理 ${serial.handler.toFixed(2)} (其中 SQL ${serial.sqlExec.toFixed(2)} ms / ${serial.queries.toFixed(1)} 条) + 序列化 ${serial.serialization.toFixed(2)}`,
      `搜索最耗时语句 (串行, 每请求): ${searchStatements.join('; ')}`,
      `预约耗时分解 (串行, 每次): 客户端 ${serialBookingMean.toFixed(1)} ms, 服务端 ${bookingProfile.total.toFixed(1)} ms, SQL ${bookingProfile.sqlExec.toFixed(1)} ms / ${bookingProfile.queries.toFixed(1)} 条; 最耗时: ${bookingStatements.join('; ')}`,
      `热门时段等待事件 (平均活跃后端数): 端点 ${httpWaits}; 原始 ${rawWaits}`,
      `端点耗时分解 (32 并发, 连接池 10): 服务端 ${loaded.total.toFixed(1)} ms = 鉴权 ${loaded.auth.toFixed(1)} + 处理 ${loaded.handler.toFixed(1)} + 序列化 ${loaded.serialization.toFixed(2)}; 其中等待连接池 ${loaded.poolWait.toFixed(1)} ms, SQL 执行 ${loaded.sqlExec.toFixed(1)} ms`,
      `原始SQL 各类查询 (32 并发): ${kinds.join('; ')}`,
      failures.length ? `失败: ${failures.length} 项 — ${failures.join(' | ')}` : '结果: 全部检查通过 (搜索无非2xx, 预约无意外拒绝, 未超卖, taken 与占座预约一致)',
    );
    console.log(summary.join('\n'));
  } finally {
    for (const close of cleanups) await close().catch((error: unknown) => console.error('cleanup:', error));
    if (KEEP) log(`BENCH_KEEP=1: database ${BENCH_DB} kept (${benchUrl})`);
    else {
      await dropDatabase();
      log(`database ${BENCH_DB} dropped`);
    }
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  failures.push(String(error));
}
if (failures.length > 0) process.exitCode = 1;
