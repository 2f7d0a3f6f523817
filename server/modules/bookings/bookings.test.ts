import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, guardianships, resources, slots, students, users } from '../../db/schema.js';
import { createTestContext, loadFixtures, type TestContext } from '../../test/harness.js';
import type { Actor } from '../policy/policy.js';
import { DEMO_VENUE_NAME } from '../resources/seed.js';
import * as service from './service.js';

let ctx: TestContext;
let fx: Awaited<ReturnType<typeof loadFixtures>>;
let parent1: string;
let parent2: string;
let venue1: string;
let cstm: { districtId: string; id: string };

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await loadFixtures(ctx.db);
  [parent1, parent2, venue1] = await Promise.all([ctx.login('parent1'), ctx.login('parent2'), ctx.login('venue1')]);
  const [row] = await ctx.db
    .select({ districtId: resources.districtId, id: resources.id })
    .from(resources)
    .where(eq(resources.name, DEMO_VENUE_NAME));
  cstm = row!;
});
afterAll(() => ctx.close());

/** A slot of 中国科学技术馆 starting `minutes` from now with `capacity` seats (made directly, like a schedule would). */
async function makeSlot(minutes: number, capacity: number, status: 'open' | 'closed' = 'open') {
  const startsAt = new Date(Date.now() + minutes * 60_000);
  const [slot] = await ctx.db
    .insert(slots)
    .values({
      districtId: cstm.districtId,
      resourceId: cstm.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      capacity,
      status,
    })
    .returning();
  return slot!;
}

function book(cookie: string, body: Record<string, unknown>, key?: string) {
  return ctx.as(cookie, {
    method: 'POST',
    url: '/api/v1/bookings',
    payload: body,
    headers: key ? { 'idempotency-key': key } : {},
  });
}

const post = (cookie: string, url: string, payload: Record<string, unknown> = {}) =>
  ctx.as(cookie, { method: 'POST', url, payload });

describe('预约: hold, confirm, check in', () => {
  it('holds a seat for 5 minutes, confirms it, lists it, and the venue checks the child in once', async () => {
    const slot = await makeSlot(3, 10);
    const held = await book(parent1, { slotId: slot.id, studentId: fx.parent1Child.id });
    expect(held.statusCode).toBe(201);
    const hold = held.json();
    expect(hold.status).toBe('held');
    const holdMs = new Date(hold.holdExpiresAt).getTime() - Date.now();
    expect(holdMs).toBeGreaterThan(4 * 60_000);
    expect(holdMs).toBeLessThanOrEqual(5 * 60_000);
    expect(hold.checkInCode).toBeNull();

    const confirmed = await post(parent1, `/api/v1/bookings/${hold.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('confirmed');
    const code: string = confirmed.json().checkInCode;
    expect(code).toMatch(/^[A-Z2-9]{8}$/);

    const mine = await ctx.as(parent1, { method: 'GET', url: '/api/v1/bookings/mine' });
    expect(mine.json().items.map((b: { id: string }) => b.id)).toContain(hold.id);

    const [seats] = await ctx.db.select({ taken: slots.taken }).from(slots).where(eq(slots.id, slot.id));
    expect(seats!.taken).toBe(1);

    const list = await ctx.as(venue1, { method: 'GET', url: '/api/v1/venue/bookings' });
    expect(list.statusCode).toBe(200);
    const row = list.json().items.find((b: { id: string }) => b.id === hold.id);
    expect(row.student.name).toBeTruthy();
    expect(row.checkInCode).toBeNull();

    const checkIn = await post(venue1, '/api/v1/venue/check-in', { code: code.toLowerCase() });
    expect(checkIn.statusCode).toBe(200);
    expect(checkIn.json().status).toBe('checkedIn');
    const again = await post(venue1, '/api/v1/venue/check-in', { code });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('已于');

    // Another venue's staff (or a parent) cannot use the code.
    const foreign = await post(parent2, '/api/v1/venue/check-in', { code });
    expect(foreign.statusCode).toBe(403);
  });

  it('downloads a booking as an .ics calendar file', async () => {
    const slot = await makeSlot(600, 5);
    const b = (await book(parent1, { slotId: slot.id, studentId: fx.parent1Child.id, confirmNow: true })).json();
    const res = await ctx.as(parent1, { method: 'GET', url: `/api/v1/bookings/${b.id}/calendar.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toContain('BEGIN:VEVENT');
    expect(res.body).toContain(`UID:${b.id}@gongyu`);
    expect(res.body).toContain('STATUS:CONFIRMED');
    const other = await ctx.as(parent2, { method: 'GET', url: `/api/v1/bookings/${b.id}/calendar.ics` });
    expect(other.statusCode).toBe(404);
  });
});

describe('预约: refusals change nothing', () => {
  it('refuses foreign children, foreign bookings, closed, past and unknown slots', async () => {
    const slot = await makeSlot(600, 5);
    const before = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(bookings);

    const foreignChild = await book(parent2, { slotId: slot.id, studentId: fx.parent1Child.id });
    expect(foreignChild.statusCode).toBe(404);
    expect(foreignChild.headers['content-type']).toContain('application/problem+json');

    const closed = await makeSlot(600, 5, 'closed');
    const closedRes = await book(parent1, { slotId: closed.id, studentId: fx.parent1Child.id });
    expect(closedRes.statusCode).toBe(409);
    expect(closedRes.json().detail).toContain('关闭');

    const past = await makeSlot(-60, 5);
    expect((await book(parent1, { slotId: past.id, studentId: fx.parent1Child.id })).statusCode).toBe(409);

    const unknown = await book(parent1, {
      slotId: '00000000-0000-4000-8000-000000000000',
      studentId: fx.parent1Child.id,
    });
    expect(unknown.statusCode).toBe(404);

    const bad = await book(parent1, { slotId: 'nope', studentId: fx.parent1Child.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toContain('时段编号');

    const after = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(bookings);
    expect(after[0]!.n).toBe(before[0]!.n);

    const mineOnly = (await book(parent1, { slotId: slot.id, studentId: fx.parent1Child.id })).json();
    const theirs = await post(parent2, `/api/v1/bookings/${mineOnly.id}/cancel`);
    expect(theirs.statusCode).toBe(404);
    const dup = await book(parent1, { slotId: slot.id, studentId: fx.parent1Child.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toContain('已预约');
  });

  it('keeps the cancellation window for families; the venue may cancel and is recorded as the canceller', async () => {
    const soon = await makeSlot(30, 5); // the venue's window is 120 minutes
    const b = (await book(parent1, { slotId: soon.id, studentId: fx.parent1Child.id, confirmNow: true })).json();
    expect(b.allowed.cancel).toBe(false);
    const late = await post(parent1, `/api/v1/bookings/${b.id}/cancel`);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('取消期限');
    const byVenue = await post(venue1, `/api/v1/bookings/${b.id}/cancel`, { reason: '场馆临时检修' });
    expect(byVenue.statusCode).toBe(200);
    expect(byVenue.json()).toMatchObject({ status: 'cancelled', cancelledBy: 'venue' });
    const twice = await post(parent1, `/api/v1/bookings/${b.id}/cancel`);
    expect(twice.statusCode).toBe(409);
    const [seats] = await ctx.db.select({ taken: slots.taken }).from(slots).where(eq(slots.id, soon.id));
    expect(seats!.taken).toBe(0);
  });
});

describe('预约: waiting list, holds that lapse, idempotency', () => {
  it('refuses a full slot unless the family joins the waiting list, then promotes in order when a seat frees', async () => {
    const slot = await makeSlot(24 * 60, 1);
    const first = (await book(parent1, { slotId: slot.id, studentId: fx.parent1Child.id, confirmNow: true })).json();
    const full = await book(parent2, { slotId: slot.id, studentId: fx.parent2Child.id });
    expect(full.statusCode).toBe(409);
    expect(full.json().detail).toContain('约满');
    const waiting = await book(parent2, { slotId: slot.id, studentId: fx.parent2Child.id, joinWaitlist: true });
    expect(waiting.statusCode).toBe(201);
    expect(waiting.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    const cancelled = await post(parent1, `/api/v1/bookings/${first.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledBy: 'family' });
    const promoted = await ctx.as(parent2, { method: 'GET', url: `/api/v1/bookings/${waiting.json().id}` });
    expect(promoted.json().status).toBe('confirmed');
    const [seats] = await ctx.db.select({ taken: slots.taken }).from(slots).where(eq(slots.id, slot.id));
    expect(seats!.taken).toBe(1);
  });

  it('gives a lapsed hold back (to the waiting list first) and refuses to confirm it', async () => {
    const slot = await makeSlot(24 * 60, 1);
    const hold = (await book(parent1, { slotId: slot.id, studentId: fx.parent1Child.id })).json();
    const waiting = (
      await book(parent2, { slotId: slot.id, studentId: fx.parent2Child.id, joinWaitlist: true })
    ).json();
    await ctx.db
      .update(bookings)
      .set({ holdExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(bookings.id, hold.id));
    const late = await post(parent1, `/api/v1/bookings/${hold.id}/confirm`);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('座位已释放');
    expect((await ctx.as(parent1, { method: 'GET', url: `/api/v1/bookings/${hold.id}` })).json().status).toBe(
      'expired',
    );
    expect((await ctx.as(parent2, { method: 'GET', url: `/api/v1/bookings/${waiting.id}` })).json().status).toBe(
      'confirmed',
    );
  });

  it('the sweeper releases lapsed holds', async () => {
    const slot = await makeSlot(24 * 60, 2);
    const hold = (await book(parent1, { slotId: slot.id, studentId: fx.parent1Child.id })).json();
    await ctx.db
      .update(bookings)
      .set({ holdExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(bookings.id, hold.id));
    expect(await service.sweep(ctx.db)).toBeGreaterThanOrEqual(1);
    const [seats] = await ctx.db.select({ taken: slots.taken }).from(slots).where(eq(slots.id, slot.id));
    expect(seats!.taken).toBe(0);
  });

  it('returns the first answer for a retried Idempotency-Key and never books twice', async () => {
    const slot = await makeSlot(24 * 60, 5);
    const body = { slotId: slot.id, studentId: fx.parent1Child.id, confirmNow: true };
    const key = `retry-${slot.id}`;
    const [a, b] = await Promise.all([book(parent1, body, key), book(parent1, body, key)]);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    const rows = await ctx.db.select().from(bookings).where(eq(bookings.slotId, slot.id));
    expect(rows).toHaveLength(1);
    const reused = await book(parent1, { ...body, confirmNow: false }, key);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().detail).toContain('Idempotency-Key');
    const badKey = await book(parent1, body, 'x');
    expect(badKey.statusCode).toBe(400);
  });
});

describe('预约: no overbooking under contention', () => {
  /** `n` families of one child each, created directly (signing 1,000 people in would test scrypt, not seats). */
  async function families(n: number): Promise<{ actor: Actor; studentId: string }[]> {
    const child = fx.parent1Child;
    const made = await ctx.db
      .insert(users)
      .values(
        Array.from({ length: n }, (_, i) => ({
          username: `load_family_${Date.now()}_${i}`,
          displayName: `压测家长${i}`,
        })),
      )
      .returning({ id: users.id, username: users.username, displayName: users.displayName });
    const kids = await ctx.db
      .insert(students)
      .values(
        made.map((_, i) => ({
          districtId: child.districtId,
          schoolId: child.schoolId,
          classId: child.classId,
          studentNo: `L${Date.now()}${i}`,
          name: `压测学生${i}`,
          gender: 'female' as const,
          birthDate: '2015-05-01',
        })),
      )
      .returning({ id: students.id });
    await ctx.db.insert(guardianships).values(
      made.map((u, i) => ({
        districtId: child.districtId,
        studentId: kids[i]!.id,
        guardianUserId: u.id,
        relation: 'mother' as const,
        isPrimary: true,
      })),
    );
    return made.map((u, i) => ({
      actor: {
        userId: u.id,
        username: u.username,
        displayName: u.displayName,
        assignments: [],
        familyStudentKeys: new Set([`${child.districtId}:${kids[i]!.id}`]),
      },
      studentId: kids[i]!.id,
    }));
  }

  it('limits a family to 6 live bookings; a cancellation makes room again', async () => {
    const [family] = await families(1);
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await makeSlot(24 * 60 + i, 5));
    const booked = [];
    for (const slot of made.slice(0, 6)) {
      booked.push(
        await service.createBooking(
          ctx.db,
          family!.actor,
          { slotId: slot.id, studentId: family!.studentId, joinWaitlist: false, confirmNow: true },
          '127.0.0.1',
        ),
      );
    }
    await expect(
      service.createBooking(
        ctx.db,
        family!.actor,
        { slotId: made[6]!.id, studentId: family!.studentId, joinWaitlist: false, confirmNow: true },
        '127.0.0.1',
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT', detail: expect.stringContaining('最多同时保留 6 个') });
    await service.cancelBooking(ctx.db, family!.actor, booked[0]!.id, undefined, '127.0.0.1');
    const seventh = await service.createBooking(
      ctx.db,
      family!.actor,
      { slotId: made[6]!.id, studentId: family!.studentId, joinWaitlist: false, confirmNow: true },
      '127.0.0.1',
    );
    expect(seventh.status).toBe('confirmed');
  });

  it('1,000 concurrent attempts on a 50-seat slot: exactly 50 seats, the rest waitlisted or refused', async () => {
    const slot = await makeSlot(24 * 60, 50);
    const people = await families(1000);
    const results = await Promise.allSettled(
      people.map((p, i) =>
        service.createBooking(
          ctx.db,
          p.actor,
          { slotId: slot.id, studentId: p.studentId, joinWaitlist: i % 2 === 0, confirmNow: true },
          '127.0.0.1',
        ),
      ),
    );
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : 'refused'));
    const count = (s: string) => statuses.filter((x) => x === s).length;
    const refusedReasons = new Set(
      results.flatMap((r) =>
        r.status === 'rejected' ? [(r.reason as { detail?: string }).detail ?? String(r.reason)] : [],
      ),
    );
    expect([...refusedReasons].every((d) => d.includes('约满'))).toBe(true);
    expect(count('confirmed')).toBe(50);
    expect(count('confirmed') + count('waitlisted') + count('refused')).toBe(1000);
    const [seats] = await ctx.db.select({ taken: slots.taken }).from(slots).where(eq(slots.id, slot.id));
    expect(seats!.taken).toBe(50);
    const holding = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(bookings)
      .where(and(eq(bookings.slotId, slot.id), sql`${bookings.status} IN ('held', 'confirmed', 'checkedIn')`));
    expect(holding[0]!.n).toBe(50);
  }, 120_000);
});
