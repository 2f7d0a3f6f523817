/**
 * Booking queries. The seat arithmetic lives in SQL so it is atomic: a seat is taken by one conditional
 * UPDATE (`taken < capacity`), and the slots CHECK constraint refuses any overbooking outright.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { bookings, districts, orgUnits, resources, slots, students, users } from '../../db/schema.js';

export type BookingRow = typeof bookings.$inferSelect;

/** Takes one seat if the slot is open, in the future and not full; returns the slot or undefined. */
export function takeSeat(db: Queryable, districtId: string, slotId: string) {
  return db
    .update(slots)
    .set({ taken: sql`${slots.taken} + 1` })
    .where(
      and(
        eq(slots.districtId, districtId),
        eq(slots.id, slotId),
        eq(slots.status, 'open'),
        sql`${slots.startsAt} > now()`,
        sql`${slots.taken} < ${slots.capacity}`,
      ),
    )
    .returning()
    .then((rows) => rows[0]);
}

/** Locks the slot row: every change to its seats and waiting list goes through this lock, in order. */
export function lockSlot(db: Queryable, districtId: string, slotId: string) {
  return db
    .select()
    .from(slots)
    .where(and(eq(slots.districtId, districtId), eq(slots.id, slotId)))
    .for('update')
    .then((rows) => rows[0]);
}

/** Expires the slot's lapsed holds and returns how many seats that freed. Call with the slot locked. */
export async function expireHolds(db: Queryable, districtId: string, slotId: string): Promise<number> {
  const expired = await db
    .update(bookings)
    .set({ status: 'expired', updatedAt: new Date() })
    .where(
      and(
        eq(bookings.districtId, districtId),
        eq(bookings.slotId, slotId),
        eq(bookings.status, 'held'),
        sql`${bookings.holdExpiresAt} <= now()`,
      ),
    )
    .returning({ id: bookings.id });
  return expired.length;
}

export function releaseSeats(db: Queryable, districtId: string, slotId: string, seats: number) {
  if (seats <= 0) return Promise.resolve();
  return db
    .update(slots)
    .set({ taken: sql`${slots.taken} - ${seats}` })
    .where(and(eq(slots.districtId, districtId), eq(slots.id, slotId)));
}

/**
 * Moves the earliest waitlisted bookings into the free seats of a locked slot, in the order they joined,
 * and counts the seats they take. Only for a slot still open and in the future.
 */
export async function promoteWaitlist(db: Queryable, districtId: string, slotId: string): Promise<string[]> {
  const promoted = await db.execute<{ id: string }>(sql`
    WITH free AS (
      SELECT greatest(capacity - taken, 0) AS n FROM slots
      WHERE district_id = ${districtId} AND id = ${slotId} AND status = 'open' AND starts_at > now()
    ),
    next AS (
      SELECT id FROM bookings
      WHERE district_id = ${districtId} AND slot_id = ${slotId} AND status = 'waitlisted'
      ORDER BY created_at, id
      LIMIT (SELECT coalesce((SELECT n FROM free), 0))
    )
    UPDATE bookings b SET status = 'confirmed', promoted_at = now(), confirmed_at = now(), updated_at = now()
    FROM next WHERE b.district_id = ${districtId} AND b.id = next.id
    RETURNING b.id`);
  const ids = promoted.rows.map((r) => r.id);
  if (ids.length > 0) {
    await db
      .update(slots)
      .set({ taken: sql`${slots.taken} + ${ids.length}` })
      .where(and(eq(slots.districtId, districtId), eq(slots.id, slotId)));
  }
  return ids;
}

/** Slots with lapsed holds, or started slots still carrying a waiting list, for the sweeper. */
export function slotsNeedingSweep(db: Queryable, limit = 200) {
  return db.execute<{ district_id: string; slot_id: string }>(sql`
    SELECT DISTINCT b.district_id, b.slot_id FROM bookings b
    WHERE (b.status = 'held' AND b.hold_expires_at <= now())
    LIMIT ${limit}`);
}

export function expireStartedWaitlists(db: Queryable) {
  return db.execute(sql`
    UPDATE bookings b SET status = 'expired', updated_at = now()
    FROM slots s
    WHERE b.status = 'waitlisted' AND s.district_id = b.district_id AND s.id = b.slot_id AND s.starts_at <= now()`);
}

/** Everything a booking card shows, joined once. */
export function bookingView(db: Queryable) {
  return db
    .select({
      booking: bookings,
      slotStartsAt: slots.startsAt,
      slotEndsAt: slots.endsAt,
      resourceName: resources.name,
      resourceAddress: resources.address,
      cancelBeforeMinutes: resources.cancelBeforeMinutes,
      orgUnitId: resources.orgUnitId,
      unitName: orgUnits.name,
      districtName: districts.name,
      studentName: students.name,
      studentSchoolId: students.schoolId,
      guardianName: users.displayName,
      guardianMobile: users.mobile,
      waitlistAhead: sql<number | null>`CASE WHEN ${bookings.status} = 'waitlisted' THEN (
        SELECT count(*)::int FROM bookings w WHERE w.district_id = ${bookings.districtId} AND w.slot_id = ${bookings.slotId}
          AND w.status = 'waitlisted' AND (w.created_at, w.id) < (${bookings.createdAt}, ${bookings.id})) END`,
    })
    .from(bookings)
    .innerJoin(slots, and(eq(slots.districtId, bookings.districtId), eq(slots.id, bookings.slotId)))
    .innerJoin(resources, and(eq(resources.districtId, bookings.districtId), eq(resources.id, bookings.resourceId)))
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, resources.districtId), eq(orgUnits.id, resources.orgUnitId)))
    .innerJoin(districts, eq(districts.id, bookings.districtId))
    .innerJoin(students, and(eq(students.districtId, bookings.studentDistrictId), eq(students.id, bookings.studentId)))
    .innerJoin(users, eq(users.id, bookings.guardianUserId));
}

export type BookingViewRow = Awaited<ReturnType<ReturnType<typeof bookingView>['where']>>[number];

export function findBookingView(db: Queryable, where: SQL) {
  return bookingView(db)
    .where(where)
    .limit(1)
    .then((rows) => rows[0]);
}

export function listBookingViews(db: Queryable, where: SQL, limit = 500) {
  return bookingView(db).where(where).orderBy(asc(slots.startsAt), asc(bookings.createdAt)).limit(limit);
}

export function unsafeFindBooking(db: Queryable, id: string) {
  return db
    .select()
    .from(bookings)
    .where(eq(bookings.id, id))
    .limit(1)
    .then((rows) => rows[0]);
}

/** Live bookings (held, confirmed, waitlisted) of one family for sessions not yet started. */
export async function countLiveFamilyBookings(db: Queryable, guardianUserId: string): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM bookings b JOIN slots s ON s.district_id = b.district_id AND s.id = b.slot_id
    WHERE b.guardian_user_id = ${guardianUserId} AND b.status IN ('held', 'confirmed', 'waitlisted') AND s.starts_at > now()`);
  return Number(result.rows[0]?.n ?? 0);
}

export function findLiveChildBooking(
  db: Queryable,
  districtId: string,
  slotId: string,
  studentDistrictId: string,
  studentId: string,
) {
  return db
    .select({ id: bookings.id, status: bookings.status })
    .from(bookings)
    .where(
      and(
        eq(bookings.districtId, districtId),
        eq(bookings.slotId, slotId),
        eq(bookings.studentDistrictId, studentDistrictId),
        eq(bookings.studentId, studentId),
        inArray(bookings.status, ['held', 'confirmed', 'waitlisted', 'checkedIn']),
      ),
    )
    .limit(1)
    .then((rows) => rows[0]);
}
