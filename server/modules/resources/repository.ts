/** Drizzle queries for resources, schedules and slots. No business rules here. */
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { districts, orgUnits, resources, resourceSchedules, slots } from '../../db/schema.js';
import { tokenize } from '../assistant/segment.js';
import { expandRule } from './schedule.js';

export const resourceColumns = {
  districtId: resources.districtId,
  id: resources.id,
  orgUnitId: resources.orgUnitId,
  name: resources.name,
  description: resources.description,
  address: resources.address,
  lat: sql<number>`ST_Y(${resources.location})`.as('lat'),
  lng: sql<number>`ST_X(${resources.location})`.as('lng'),
  phone: resources.phone,
  terms: resources.terms,
  keywords: resources.keywords,
  ageMin: resources.ageMin,
  ageMax: resources.ageMax,
  openingHours: resources.openingHours,
  closures: resources.closures,
  cancelBeforeMinutes: resources.cancelBeforeMinutes,
  status: resources.status,
  verifiedAt: resources.verifiedAt,
  districtName: districts.name,
  unitName: orgUnits.name,
};

function withNames(db: Queryable, where: SQL) {
  return db
    .select(resourceColumns)
    .from(resources)
    .innerJoin(districts, eq(districts.id, resources.districtId))
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, resources.districtId), eq(orgUnits.id, resources.orgUnitId)))
    .where(where);
}

/** By id alone (ids are random UUIDs). Unsafe: callers authorise what they do with it. */
export function unsafeFindResource(db: Queryable, id: string) {
  return withNames(db, eq(resources.id, id))
    .limit(1)
    .then((rows) => rows[0]);
}

export type ResourceRow = NonNullable<Awaited<ReturnType<typeof unsafeFindResource>>>;

export function listResourcesWhere(db: Queryable, where: SQL) {
  return withNames(db, where).orderBy(asc(resources.districtId), asc(resources.name)).limit(500);
}

export function listSchedules(db: Queryable, districtId: string, resourceId: string) {
  return db
    .select()
    .from(resourceSchedules)
    .where(and(eq(resourceSchedules.districtId, districtId), eq(resourceSchedules.resourceId, resourceId)))
    .orderBy(asc(resourceSchedules.createdAt), asc(resourceSchedules.rrule));
}

export function listSlotsBetween(db: Queryable, districtId: string, resourceId: string, from: Date, to: Date) {
  return db
    .select()
    .from(slots)
    .where(
      and(
        eq(slots.districtId, districtId),
        eq(slots.resourceId, resourceId),
        gte(slots.startsAt, from),
        lt(slots.startsAt, to),
      ),
    )
    .orderBy(asc(slots.startsAt))
    .limit(2000);
}

export function unsafeFindSlot(db: Queryable, id: string) {
  return db
    .select()
    .from(slots)
    .where(eq(slots.id, id))
    .limit(1)
    .then((rows) => rows[0]);
}

/**
 * Jieba tokens: `nameTokens` = what the place *is* — its name, curated keywords and type label (科技馆,
 * 图书馆 …) — as a set; `searchTokens` = everything a parent might type, as a bag (repeats kept: the
 * ranking counts them).
 */
export function searchTokens(input: {
  name: string;
  keywords: readonly string[];
  description: string;
  terms: readonly { id: string; label: string }[];
}) {
  const keywordTokens = input.keywords.flatMap((k) => [...new Set([k.toLowerCase(), ...tokenize(k)])]);
  const typeTokens = input.terms.filter((t) => t.id.startsWith('type:')).flatMap((t) => tokenize(t.label));
  const nameTokens = [...new Set([...tokenize(input.name), ...keywordTokens, ...typeTokens])];
  const bag = [
    ...tokenize(input.name),
    ...keywordTokens,
    ...tokenize(input.description),
    ...input.terms.flatMap((t) => tokenize(t.label)),
  ];
  return { nameTokens, searchTokens: bag };
}

export type ScheduleRow = typeof resourceSchedules.$inferSelect;

/**
 * Materialises schedules' sessions from `from` for `days` days, in batched inserts; existing slots (same
 * resource and start) are left alone, so this is safe to run again — on creation, at start-up and daily.
 */
export async function generateSlots(
  db: Queryable,
  items: readonly { schedule: ScheduleRow; closures: readonly string[] }[],
  from: string,
  days: number,
): Promise<number> {
  const now = Date.now();
  const rows = items.flatMap(({ schedule, closures }) =>
    expandRule({
      rrule: schedule.rrule,
      durationMinutes: schedule.durationMinutes,
      from,
      days,
      validFrom: schedule.validFrom,
      validTo: schedule.validTo,
      closures,
    })
      .filter((o) => o.startsAt.getTime() > now)
      .map((o) => ({
        districtId: schedule.districtId,
        resourceId: schedule.resourceId,
        scheduleId: schedule.id,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        capacity: schedule.capacity,
      })),
  );
  let created = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await db
      .insert(slots)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing()
      .returning({ id: slots.id });
    created += inserted.length;
  }
  return created;
}

/** Every schedule with its resource's closures, for the slot horizon job. */
export function allSchedulesWithClosures(db: Queryable) {
  return db
    .select({ schedule: resourceSchedules, closures: resources.closures })
    .from(resourceSchedules)
    .innerJoin(
      resources,
      and(eq(resources.districtId, resourceSchedules.districtId), eq(resources.id, resourceSchedules.resourceId)),
    )
    .where(eq(resources.status, 'active'));
}

export function unitsByIds(db: Queryable, keys: { districtId: string; id: string }[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .select({ id: orgUnits.id, districtId: orgUnits.districtId, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(
      inArray(
        orgUnits.id,
        keys.map((k) => k.id),
      ),
    );
}
