/**
 * Seeds the resource directory: the taxonomy (every database) and, with the demo city, the real Beijing
 * venues as resource units, each with its listing, weekly programme schedule and 28 days of slots.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { OpeningHours } from '../../../shared/contract/resources.js';
import { WEEKDAYS } from '../../../shared/contract/resources.js';
import type { Database, Queryable } from '../../db/client.js';
import {
  districts,
  orgUnits,
  resources,
  resourceSchedules,
  roleAssignments,
  systemMeta,
  users,
} from '../../db/schema.js';
import { VENUES, type VenueSeed } from './directory/index.js';
import { generateSlots, searchTokens } from './repository.js';
import { hoursCovering, rulesForTimes } from './schedule.js';
import { SLOT_HORIZON_DAYS, todayInBeijing } from './service.js';
import { DEFAULT_TERMS } from './taxonomy-seed.js';
import { seedTaxonomy } from './taxonomy.js';

export const VENUE_DIRECTORY_META_KEY = 'venue_directory';
/** The demo venue account keeps the door of this venue. */
export const DEMO_VENUE_NAME = '中国科学技术馆';

const OUTDOOR_TYPES = new Set(['type:park', 'type:nature', 'type:sports', 'type:study']);

/** Museums rest on Mondays; parks and sports grounds open daily. Widened to cover the programme. */
export function openingHoursFor(venue: VenueSeed): OpeningHours {
  const outdoor = venue.terms.some((t) => OUTDOOR_TYPES.has(t));
  const base: OpeningHours = outdoor
    ? { days: [...WEEKDAYS], opens: '06:00', closes: '21:00' }
    : { days: WEEKDAYS.filter((d) => d !== 'MO'), opens: '09:00', closes: '17:00' };
  const { days, times, durationMinutes } = venue.programme;
  return hoursCovering(
    base,
    rulesForTimes(days, times).map((rrule) => ({ rrule, durationMinutes })),
  );
}

export async function seedVenueDirectory(db: Database): Promise<number> {
  await seedTaxonomy(db);
  const [done] = await db.select().from(systemMeta).where(eq(systemMeta.key, VENUE_DIRECTORY_META_KEY));
  if (done) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('gongyu:venue_directory'))`);
    const [meanwhile] = await tx.select().from(systemMeta).where(eq(systemMeta.key, VENUE_DIRECTORY_META_KEY));
    if (meanwhile) return 0;
    const count = await insertVenues(tx);
    await tx.insert(systemMeta).values({ key: VENUE_DIRECTORY_META_KEY, value: { venues: count } });
    return count;
  });
}

async function insertVenues(tx: Queryable): Promise<number> {
  const present = new Set((await tx.select({ id: districts.id }).from(districts)).map((d) => d.id));
  const venues = VENUES.filter((v) => present.has(v.districtId));
  if (venues.length === 0) return 0;
  const labelOf = new Map(DEFAULT_TERMS.map((t) => [t.id, t.label]));

  const units = await tx
    .insert(orgUnits)
    .values(
      venues.map((v) => ({
        districtId: v.districtId,
        kind: 'resourceUnit' as const,
        name: v.name,
        address: v.address,
        location: { x: v.lng, y: v.lat },
      })),
    )
    .onConflictDoNothing()
    .returning({ id: orgUnits.id, districtId: orgUnits.districtId, name: orgUnits.name });
  const unitOf = new Map(units.map((u) => [`${u.districtId}:${u.name}`, u.id]));

  const now = Date.now();
  const listed = await tx
    .insert(resources)
    .values(
      venues
        .filter((v) => unitOf.has(`${v.districtId}:${v.name}`))
        .map((v, i) => {
          const terms = [...new Set([...v.terms, `price:${v.price}`])];
          return {
            districtId: v.districtId,
            orgUnitId: unitOf.get(`${v.districtId}:${v.name}`)!,
            name: v.name,
            description: v.description,
            address: v.address,
            location: { x: v.lng, y: v.lat },
            phone: v.phone ?? null,
            terms,
            keywords: v.keywords,
            ageMin: v.ageMin,
            ageMax: v.ageMax,
            openingHours: openingHoursFor(v),
            ...searchTokens({
              name: v.name,
              keywords: v.keywords,
              description: `${v.description} ${v.programme.name} ${v.programme.description}`,
              terms: terms.map((id) => ({ id, label: labelOf.get(id) ?? '' })),
            }),
            // Every 13th listing was last confirmed 7 months ago, so the stale marking is visible in the demo.
            verifiedAt: new Date(i % 13 === 12 ? now - 210 * 86_400_000 : now - (i % 60) * 86_400_000),
          };
        }),
    )
    .returning({ id: resources.id, districtId: resources.districtId, name: resources.name });
  const venueByKey = new Map(venues.map((v) => [`${v.districtId}:${v.name}`, v]));

  const today = todayInBeijing();
  const schedules = await tx
    .insert(resourceSchedules)
    .values(
      listed.flatMap((r) => {
        const v = venueByKey.get(`${r.districtId}:${r.name}`)!;
        return rulesForTimes(v.programme.days, v.programme.times).map((rrule) => ({
          districtId: r.districtId,
          resourceId: r.id,
          name: v.programme.name,
          description: v.programme.description,
          rrule,
          validFrom: today,
          durationMinutes: v.programme.durationMinutes,
          capacity: v.programme.capacity,
        }));
      }),
    )
    .returning();

  const closures: string[] = [];
  await generateSlots(
    tx,
    schedules.map((schedule) => ({ schedule, closures })),
    today,
    SLOT_HORIZON_DAYS,
  );
  await assignDemoVenueStaff(tx, units);
  return listed.length;
}

/** venue1, the demo resource-staff account, keeps the door of 中国科学技术馆 when that venue is seeded. */
async function assignDemoVenueStaff(tx: Queryable, units: { id: string; districtId: string; name: string }[]) {
  const venue = units.find((u) => u.name === DEMO_VENUE_NAME);
  if (!venue) return;
  const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'venue1'));
  if (!account) return;
  await tx
    .update(roleAssignments)
    .set({ districtId: venue.districtId, orgUnitId: venue.id })
    .where(
      and(
        eq(roleAssignments.userId, account.id),
        eq(roleAssignments.role, 'resourceStaff'),
        inArray(roleAssignments.scopeKind, ['unit']),
      ),
    );
}
