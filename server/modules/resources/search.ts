/**
 * The one search and matching engine behind GET /resources/search, the map and the one-click booking.
 *
 * Two steps in one SQL statement:
 *  1. Candidates: active resources passing every filter (tags, district, open-at, free slot on a date, radius,
 *     and — when there is a query — sharing at least one jieba token), the candidatesFor(limit) nearest to the origin by
 *     the PostGIS KNN index (`<->`). Without an origin the city centre orders them, so the work stays bounded.
 *  2. Ranking of the candidates:
 *       score = 0.40·T + 0.30·D + 0.15·F + 0.15·A
 *     T text   = mean over query tokens t of 0.6·[t in name, keywords or type] + 0.4·min(count of t in all text, 4)/4
 *                                                                               (0 without a query)
 *     D near   = 1 / (1 + metres / 3000)  — 1 at the door, 0.5 at 3 km        (0 without an origin)
 *     F fit    = child's age inside the resource's range 1, within 2 years 0.3, else 0   (0.5 without a child)
 *     A slots  = next free slot today 1, within 3 days 0.7, later 0.4, none 0 (on `date`: 1 if free that day)
 *     Ties go to the nearer resource.
 * A query that matches nothing is answered with the same ranking without the text condition (`fallback`).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { textArray } from '../../db/sql.js';
import { BEIJING_OFFSET, addDays } from './schedule.js';
import type { TermRow } from './taxonomy.js';

export const RANKING_FORMULA =
  'score = 0.40·文本相关(名称/关键词/类型命中0.6 + 全文词频0.4) + 0.30·距离(1/(1+米/3000)) + 0.15·年龄匹配 + 0.15·余位(今天1/3天内0.7/更晚0.4/无0)';
export const WEIGHTS = { text: 0.4, distance: 0.3, fit: 0.15, availability: 0.15 } as const;
/**
 * How many nearest matching resources are ranked: three per answer wanted (30–300). Beyond that the
 * distance term dominates anyway, and each candidate costs a KNN step and a slot lookup (measured: 300
 * candidates ≈ 5.6 ms of a 50k-resource search, most of it those two).
 */
export function candidatesFor(limit: number): number {
  return Math.min(300, Math.max(30, limit * 3));
}
/** 天安门: orders candidates when the caller gave no origin. */
export const CITY_CENTRE = { lat: 39.9087, lng: 116.3975 };

export interface SearchPlan {
  tokens: string[];
  /** Tag filters grouped by facet: OR inside a facet, AND across facets. Age terms become range checks. */
  terms: TermRow[];
  districtId?: string;
  /** Beijing-local day and time the resource must be open. */
  openAt?: { date: string; weekday: string; time: string };
  /** A free slot on this Beijing date. */
  date?: string;
  origin?: { lat: number; lng: number };
  radiusMeters?: number;
  childAge?: number;
  limit: number;
  /** The calendar "today" in Beijing, so tests can pin it. */
  today: string;
}

export type SearchRow = {
  district_id: string;
  id: string;
  org_unit_id: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  terms: string[];
  age_min: number;
  age_max: number;
  opening_hours: unknown;
  closures: string[];
  verified_at: Date | string;
  dist: number | null;
  text_score: number;
  /** The query tokens this resource contains, for the "匹配" reason. */
  matched: string[];
  distance_score: number;
  fit_score: number;
  availability_score: number;
  score: number;
  slot_id: string | null;
  slot_starts_at: Date | string | null;
  slot_ends_at: Date | string | null;
  slot_capacity: number | null;
  slot_taken: number | null;
  district_name: string;
  unit_name: string;
};

const point = (p: { lat: number; lng: number }) =>
  sql`ST_SetSRID(ST_MakePoint(${p.lng}::float8, ${p.lat}::float8), 4326)`;

function filters(plan: SearchPlan, withText: boolean): SQL {
  const conditions: SQL[] = [sql`r.status = 'active'`];
  if (withText && plan.tokens.length > 0) conditions.push(sql`r.search_tokens && ${textArray(plan.tokens)}`);
  const byFacet = new Map<string, TermRow[]>();
  for (const term of plan.terms) byFacet.set(term.facet, [...(byFacet.get(term.facet) ?? []), term]);
  for (const [facet, terms] of byFacet) {
    if (facet === 'age') {
      // Age bands are ranges: a resource for 8–14 year-olds matches 小学高段 (9–12).
      conditions.push(
        sql`(${sql.join(
          terms.map((t) => sql`(r.age_min <= ${t.ageMax ?? 18} AND r.age_max >= ${t.ageMin ?? 0})`),
          sql` OR `,
        )})`,
      );
    } else {
      conditions.push(sql`r.terms && ${textArray(terms.map((t) => t.id))}`);
    }
  }
  if (plan.districtId) conditions.push(sql`r.district_id = ${plan.districtId}`);
  if (plan.openAt) {
    conditions.push(sql`r.opening_hours -> 'days' ? ${plan.openAt.weekday}
      AND r.opening_hours ->> 'opens' <= ${plan.openAt.time}
      AND r.opening_hours ->> 'closes' > ${plan.openAt.time}
      AND NOT (${plan.openAt.date}::date = ANY (r.closures))`);
  }
  if (plan.date) {
    const { from, to } = dayBounds(plan.date);
    conditions.push(sql`EXISTS (SELECT 1 FROM slots s WHERE s.district_id = r.district_id AND s.resource_id = r.id
      AND s.starts_at >= ${from}::timestamptz AND s.starts_at < ${to}::timestamptz AND s.starts_at > now()
      AND s.status = 'open' AND s.taken < s.capacity)`);
  }
  if (plan.origin && plan.radiusMeters) {
    const dLat = plan.radiusMeters / 111_320;
    const dLng = plan.radiusMeters / (111_320 * Math.cos((plan.origin.lat * Math.PI) / 180));
    // The box uses the GiST index; the sphere distance makes it exact.
    conditions.push(sql`r.location && ST_Expand(${point(plan.origin)}, ${dLng}::float8, ${dLat}::float8)
      AND ST_DistanceSphere(r.location, ${point(plan.origin)}) <= ${plan.radiusMeters}`);
  }
  return sql.join(conditions, sql` AND `);
}

export function dayBounds(date: string) {
  return { from: `${date}T00:00:00${BEIJING_OFFSET}`, to: `${addDays(date, 1)}T00:00:00${BEIJING_OFFSET}` };
}

/** The statement for one plan; exported so the benchmark can time exactly what the endpoint runs. */
export function searchStatement(plan: SearchPlan, withText: boolean): SQL {
  const origin = plan.origin ?? CITY_CENTRE;
  const hasOrigin = plan.origin !== undefined;
  const q = textArray(withText ? plan.tokens : []);
  const qSize = withText ? plan.tokens.length : 0;
  const textScore =
    qSize === 0
      ? sql`0::float8`
      : sql`(SELECT sum(0.6 * (t = ANY (r.name_tokens))::int
              + 0.4 * least((SELECT count(*) FROM unnest(r.search_tokens) w WHERE w = t), 4) / 4.0)
            FROM unnest(${q}) t)::float8 / ${qSize}`;
  const today = dayBounds(plan.today);
  const slotWindow = plan.date ? dayBounds(plan.date) : null;
  const age = plan.childAge ?? null;
  return sql`
    WITH cand AS (
      SELECT r.district_id, r.id, r.org_unit_id, r.name, r.address, ST_Y(r.location) AS lat, ST_X(r.location) AS lng,
        r.terms, r.age_min, r.age_max, r.opening_hours, r.closures, r.verified_at,
        ${hasOrigin ? sql`ST_DistanceSphere(r.location, ${point(origin)})` : sql`NULL::float8`} AS dist,
        ${textScore} AS text_score,
        ${qSize === 0 ? sql`'{}'::text[]` : sql`ARRAY(SELECT t FROM unnest(${q}) t WHERE t = ANY (r.search_tokens))`} AS matched
      FROM resources r
      WHERE ${filters(plan, withText)}
      ORDER BY r.location <-> ${point(origin)}
      LIMIT ${candidatesFor(plan.limit)}
    ),
    scored AS (
      SELECT c.*, s.id AS slot_id, s.starts_at AS slot_starts_at, s.ends_at AS slot_ends_at,
        s.capacity AS slot_capacity, s.taken AS slot_taken,
        ${hasOrigin ? sql`1 / (1 + c.dist / 3000)` : sql`0::float8`} AS distance_score,
        CASE WHEN ${age}::int IS NULL THEN 0.5
             WHEN ${age}::int BETWEEN c.age_min AND c.age_max THEN 1
             WHEN ${age}::int BETWEEN c.age_min - 2 AND c.age_max + 2 THEN 0.3
             ELSE 0 END::float8 AS fit_score,
        CASE WHEN s.id IS NULL THEN 0
             WHEN ${plan.date ?? null}::date IS NOT NULL THEN 1
             WHEN s.starts_at < ${today.to}::timestamptz THEN 1
             WHEN s.starts_at < now() + interval '3 days' THEN 0.7
             ELSE 0.4 END::float8 AS availability_score
      FROM cand c
      LEFT JOIN LATERAL (
        SELECT s.id, s.starts_at, s.ends_at, s.capacity, s.taken FROM slots s
        WHERE s.district_id = c.district_id AND s.resource_id = c.id AND s.starts_at > now()
          ${slotWindow ? sql`AND s.starts_at >= ${slotWindow.from}::timestamptz AND s.starts_at < ${slotWindow.to}::timestamptz` : sql``}
          AND s.status = 'open' AND s.taken < s.capacity
        ORDER BY s.starts_at LIMIT 1
      ) s ON true
    ),
    ranked AS (
      SELECT *, ${WEIGHTS.text} * text_score + ${WEIGHTS.distance} * distance_score
        + ${WEIGHTS.fit} * fit_score + ${WEIGHTS.availability} * availability_score AS score
      FROM scored
      ORDER BY score DESC, dist ASC NULLS LAST, id
      LIMIT ${plan.limit}
    )
    SELECT ranked.*, d.name AS district_name, u.name AS unit_name
    FROM ranked
    JOIN districts d ON d.id = ranked.district_id
    JOIN org_units u ON u.district_id = ranked.district_id AND u.id = ranked.org_unit_id
    ORDER BY ranked.score DESC, ranked.dist ASC NULLS LAST, ranked.id`;
}

export async function runSearch(db: Queryable, plan: SearchPlan): Promise<{ rows: SearchRow[]; fallback: boolean }> {
  const first = await db.execute<SearchRow>(searchStatement(plan, true));
  if (first.rows.length > 0 || plan.tokens.length === 0) return { rows: first.rows, fallback: false };
  const second = await db.execute<SearchRow>(searchStatement(plan, false));
  return { rows: second.rows, fallback: true };
}
