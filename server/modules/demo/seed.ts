/**
 * Seeds the synthetic demo city (16 districts, schools, classes, students, families, staff and the named
 * demo accounts) in one transaction, so a crash leaves nothing half-seeded. Uses only the Drizzle query
 * builder and `sql`, so PGlite and PostgreSQL behave the same.
 */
import { eq, sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import { DEMO_PASSWORD } from '../../../shared/demo.js';
import type { Database, Queryable } from '../../db/client.js';
import {
  classes,
  districts,
  grades,
  guardianships,
  orgUnits,
  roleAssignments,
  students,
  systemMeta,
  users,
} from '../../db/schema.js';
import { hashPassword } from '../identity/password.js';
import { buildDemoCity, summarizeDemoCity, type CitySize, type DemoCityRows, type SeedSummary } from './city.js';

export type { CitySize, SeedSummary } from './city.js';
export { DEMO_ACCOUNTS, DEMO_USERNAMES, type DemoUsername } from './city.js';

/** `system_meta` key whose presence means the demo city is already there; its value is the SeedSummary. */
export const DEMO_CITY_META_KEY = 'demo_city';

/** Rows per INSERT: large enough to be fast on PGlite, far below PostgreSQL's 65,535 parameter limit. */
const BATCH_SIZE = 1000;

const SUMMARY_KEYS = [
  'districts',
  'schools',
  'classes',
  'students',
  'guardians',
  'teachers',
  'resourceUnits',
  'consultationRooms',
] as const satisfies readonly (keyof SeedSummary)[];

/**
 * Seeds the demo city of the given size and returns its exact counts.
 * Idempotent: if system_meta has key 'demo_city' it returns the stored summary without writing.
 */
export async function seedDemoCity(db: Database, size: CitySize): Promise<SeedSummary> {
  // Cheap check first, so an already seeded database skips hashing and generation.
  const stored = await readDemoCitySummary(db);
  if (stored) return stored;

  const city = buildDemoCity(size, await hashPassword(DEMO_PASSWORD));
  const summary = summarizeDemoCity(city);
  return db.transaction(async (tx) => {
    // Two processes starting against one PostgreSQL: the second waits here, then sees the first's summary.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('gongyu:demo_city'))`);
    const seededMeanwhile = await readDemoCitySummary(tx);
    if (seededMeanwhile) return seededMeanwhile;

    await insertDemoCity(tx, city);
    await tx.insert(systemMeta).values({ key: DEMO_CITY_META_KEY, value: summary });
    return summary;
  });
}

/** The stored summary, or undefined if the demo city was never seeded. */
export async function readDemoCitySummary(db: Queryable): Promise<SeedSummary | undefined> {
  const [row] = await db
    .select({ value: systemMeta.value })
    .from(systemMeta)
    .where(eq(systemMeta.key, DEMO_CITY_META_KEY));
  if (!row) return undefined;
  const value = row.value as Partial<Record<keyof SeedSummary, unknown>>;
  const summary = {} as SeedSummary;
  for (const key of SUMMARY_KEYS) summary[key] = typeof value[key] === 'number' ? value[key] : 0;
  return summary;
}

/** One line for logs, e.g. "演示城市：16 个区，64 所学校，…". */
export function describeDemoCity(summary: SeedSummary): string {
  return (
    `演示城市：${summary.districts} 个区，${summary.schools} 所学校，${summary.classes} 个班，` +
    `${summary.students} 名学生，${summary.guardians} 名家长，${summary.teachers} 名教师，` +
    `${summary.resourceUnits} 个资源单位，${summary.consultationRooms} 个共育咨询室`
  );
}

async function insertDemoCity(tx: Queryable, city: DemoCityRows): Promise<void> {
  // Districts are reference data another seeder or migration may already have written; keep theirs.
  await tx.insert(districts).values(city.districts).onConflictDoNothing();
  await insertInBatches(tx, orgUnits, city.orgUnits);
  await insertInBatches(tx, grades, city.grades);
  await insertInBatches(tx, classes, city.classes);
  await insertInBatches(tx, students, city.students);
  await insertInBatches(tx, users, city.users);
  await insertInBatches(tx, roleAssignments, city.roleAssignments);
  await insertInBatches(tx, guardianships, city.guardianships);
}

async function insertInBatches<T extends PgTable>(tx: Queryable, table: T, rows: PgInsertValue<T>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    await tx.insert(table).values(rows.slice(start, start + BATCH_SIZE));
  }
}
