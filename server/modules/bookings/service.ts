/**
 * Booking rules: holds, confirmation, the waiting list, cancellation windows, family limits, check-in.
 *
 * Concurrency: every change to a slot's seats runs in one transaction that either takes a seat with a
 * conditional UPDATE or holds the slot row lock (cancel, expire, promote), so seats and the waiting-list
 * order are serialised per slot and never oversold; `slots_taken_within_capacity` backs this in the schema.
 */
import { randomInt } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { FAMILY_LIVE_BOOKING_LIMIT, HOLD_MINUTES, type Booking } from '../../../shared/contract/bookings.js';
import type { Database, Queryable } from '../../db/client.js';
import { bookings, guardianships, resources, slots } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { can, canAnywhere, unitScope, type Actor } from '../policy/policy.js';
import { unsafeFindResource, unsafeFindSlot } from '../resources/repository.js';
import { loadChildForBooking, todayInBeijing } from '../resources/service.js';
import { dayBounds } from '../resources/search.js';
import { beijingDate } from '../resources/schedule.js';
import * as repo from './repository.js';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 8 characters without look-alikes (0/O, 1/I): easy to read aloud at the door. */
function newCheckInCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

function isFamily(actor: Actor, b: { studentDistrictId: string; studentId: string; guardianUserId: string }) {
  return b.guardianUserId === actor.userId || actor.familyStudentKeys.has(`${b.studentDistrictId}:${b.studentId}`);
}

function venueLocation(view: repo.BookingViewRow) {
  return { districtId: view.booking.districtId, schoolId: view.orgUnitId };
}

function maskPhone(mobile: string | null) {
  return mobile ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : null;
}

export function presentBooking(view: repo.BookingViewRow, actor: Actor): Booking {
  const b = view.booking;
  const family = isFamily(actor, b);
  const venue = can(actor, 'booking:attend', venueLocation(view));
  const startsAt = new Date(view.slotStartsAt);
  const cancellableUntil = new Date(startsAt.getTime() - view.cancelBeforeMinutes * 60_000);
  const live = b.status === 'held' || b.status === 'confirmed' || b.status === 'waitlisted';
  return {
    id: b.id,
    districtId: b.districtId,
    status: b.status as Booking['status'],
    resource: { id: b.resourceId, name: view.resourceName, address: view.resourceAddress, unitName: view.unitName },
    slot: { id: b.slotId, startsAt: startsAt.toISOString(), endsAt: new Date(view.slotEndsAt).toISOString() },
    student: { id: b.studentId, name: view.studentName },
    guardianName: view.guardianName,
    holdExpiresAt: b.status === 'held' && b.holdExpiresAt ? b.holdExpiresAt.toISOString() : null,
    waitlistPosition: view.waitlistAhead === null ? null : Number(view.waitlistAhead) + 1,
    checkInCode: family && (b.status === 'confirmed' || b.status === 'checkedIn') ? b.checkInCode : null,
    cancelledBy: (b.cancelledBy as Booking['cancelledBy']) ?? null,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    checkedInAt: b.checkedInAt?.toISOString() ?? null,
    cancellableUntil: (b.status === 'confirmed' ? cancellableUntil : startsAt).toISOString(),
    createdAt: b.createdAt.toISOString(),
    allowed: {
      confirm: family && b.status === 'held',
      cancel:
        live &&
        startsAt.getTime() > Date.now() &&
        ((family && (b.status !== 'confirmed' || Date.now() <= cancellableUntil.getTime())) || venue),
      attendance: venue && (b.status === 'confirmed' || b.status === 'checkedIn' || b.status === 'noShow'),
    },
  };
}

export function presentVenueRow(view: repo.BookingViewRow, actor: Actor) {
  return { ...presentBooking(view, actor), checkInCode: null, guardianPhone: maskPhone(view.guardianMobile) };
}

async function viewById(db: Queryable, districtId: string, id: string) {
  const view = await repo.findBookingView(db, and(eq(bookings.districtId, districtId), eq(bookings.id, id))!);
  if (!view) throw notFound('预约');
  return view;
}

interface CreateInput {
  slotId: string;
  studentId: string;
  joinWaitlist: boolean;
  confirmNow: boolean;
}

/**
 * Books a slot for a child. Free seat → held for HOLD_MINUTES (or confirmed at once with `confirmNow`);
 * full → waitlisted if asked, else a 409. With an Idempotency-Key a retry returns the first answer.
 */
export async function createBooking(
  db: Database,
  actor: Actor,
  input: CreateInput,
  ip: string,
  idempotencyKey?: string,
): Promise<Booking> {
  const child = await loadChildForBooking(db, actor, input.studentId, ip);
  const slot = await unsafeFindSlot(db, input.slotId);
  if (!slot) throw notFound('时段');
  const requestHash = JSON.stringify([input.slotId, input.studentId, input.joinWaitlist, input.confirmNow]);

  return db.transaction(async (tx) => {
    if (idempotencyKey) {
      const claimed = await tx.execute(sql`
        INSERT INTO idempotency_keys (user_id, key, operation, request_hash, status_code, response)
        VALUES (${actor.userId}, ${idempotencyKey}, 'booking.create', ${requestHash}, 0, '{}'::jsonb)
        ON CONFLICT DO NOTHING RETURNING 1`);
      if (claimed.rows.length === 0) {
        // The first request with this key has committed (we waited on its row): answer as it did.
        const first = await tx.execute<{ request_hash: string; response: Booking; operation: string }>(sql`
          SELECT request_hash, response, operation FROM idempotency_keys WHERE user_id = ${actor.userId} AND key = ${idempotencyKey}`);
        const row = first.rows[0]!;
        if (row.operation !== 'booking.create' || row.request_hash !== requestHash) {
          throw new AppError('CONFLICT', '这个 Idempotency-Key 已用于另一项请求，请换一个新的键');
        }
        return row.response;
      }
    }

    // One family books one thing at a time, so the family limit cannot be raced past.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`gongyu:family:${actor.userId}`}))`);
    // Everything the answer shows but the seat does not change is read before the slot row is locked,
    // so the lock is held only for the seat, the booking row, the audit row and the commit.
    const resource = await unsafeFindResource(tx, slot.resourceId);
    if (!resource || resource.status !== 'active') throw notFound('时段');
    if (slot.startsAt.getTime() <= Date.now()) throw new AppError('CONFLICT', '该时段已经开始或结束，请选择其他时段');
    if (slot.status !== 'open') throw new AppError('CONFLICT', '该时段已由场馆关闭，请选择其他时段');
    const existing = await repo.findLiveChildBooking(
      tx,
      slot.districtId,
      slot.id,
      child.student.districtId,
      child.student.id,
    );
    if (existing) throw new AppError('CONFLICT', `${child.student.name}已预约或候补了这个时段`);
    if ((await repo.countLiveFamilyBookings(tx, actor.userId)) >= FAMILY_LIVE_BOOKING_LIMIT) {
      throw new AppError(
        'CONFLICT',
        `每个家庭最多同时保留 ${FAMILY_LIVE_BOOKING_LIMIT} 个未开始的预约，请先取消或等活动结束`,
      );
    }

    // Lapsed holds on this slot give their seats back (to the waiting list first) before we try.
    const lapsed = await repo.expireHolds(tx, slot.districtId, slot.id);
    if (lapsed > 0) {
      await repo.releaseSeats(tx, slot.districtId, slot.id, lapsed);
      await repo.promoteWaitlist(tx, slot.districtId, slot.id);
    }

    const seat = await repo.takeSeat(tx, slot.districtId, slot.id);
    let status: 'held' | 'confirmed' | 'waitlisted';
    if (seat) status = input.confirmNow ? 'confirmed' : 'held';
    else if (input.joinWaitlist) status = 'waitlisted';
    else throw new AppError('CONFLICT', '该时段已约满，可以加入候补，有人取消时按顺序递补');

    const now = new Date();
    const [row] = await tx
      .insert(bookings)
      .values({
        districtId: slot.districtId,
        slotId: slot.id,
        resourceId: slot.resourceId,
        guardianUserId: actor.userId,
        studentDistrictId: child.student.districtId,
        studentId: child.student.id,
        status,
        holdExpiresAt: status === 'held' ? new Date(now.getTime() + HOLD_MINUTES * 60_000) : null,
        confirmedAt: status === 'confirmed' ? now : null,
        checkInCode: newCheckInCode(),
      })
      .returning();
    const waitlistAhead =
      status === 'waitlisted'
        ? Number(
            (
              await tx.execute<{ n: number }>(sql`
                SELECT count(*)::int AS n FROM bookings WHERE district_id = ${slot.districtId} AND slot_id = ${slot.id}
                  AND status = 'waitlisted' AND (created_at, id) < (${row!.createdAt.toISOString()}::timestamptz, ${row!.id}::uuid)`)
            ).rows[0]?.n ?? 0,
          )
        : null;
    await recordAudit(tx, {
      actor,
      action: 'booking.create',
      recordType: 'booking',
      recordId: row!.id,
      districtId: child.student.districtId,
      schoolId: child.student.schoolId,
      studentId: child.student.id,
      purpose: '家长为孩子预约资源',
      ip,
      detail: { status, slotId: slot.id, venueDistrictId: slot.districtId },
    });
    const booking = presentBooking(
      {
        booking: row!,
        slotStartsAt: slot.startsAt,
        slotEndsAt: slot.endsAt,
        resourceName: resource.name,
        resourceAddress: resource.address,
        cancelBeforeMinutes: resource.cancelBeforeMinutes,
        orgUnitId: resource.orgUnitId,
        unitName: resource.unitName,
        districtName: resource.districtName,
        studentName: child.student.name,
        studentSchoolId: child.student.schoolId,
        guardianName: actor.displayName,
        guardianMobile: null,
        waitlistAhead,
      },
      actor,
    );
    if (idempotencyKey) {
      await tx.execute(sql`
        UPDATE idempotency_keys SET status_code = 201, response = ${JSON.stringify(booking)}::jsonb
        WHERE user_id = ${actor.userId} AND key = ${idempotencyKey}`);
    }
    return booking;
  });
}

/** A booking the family (guardian or co-guardian) or the venue may see; anyone else gets a 404. */
async function loadVisible(db: Queryable, actor: Actor, id: string) {
  const row = await repo.unsafeFindBooking(db, id);
  if (!row) throw notFound('预约');
  const view = await viewById(db, row.districtId, row.id);
  const family = isFamily(actor, row);
  const venue = can(actor, 'booking:attend', venueLocation(view));
  if (!family && !venue) throw notFound('预约');
  return { row, view, family, venue };
}

export async function getBooking(db: Queryable, actor: Actor, id: string) {
  const { view } = await loadVisible(db, actor, id);
  return presentBooking(view, actor);
}

export async function confirmBooking(db: Database, actor: Actor, id: string, ip: string) {
  const { row, family } = await loadVisible(db, actor, id);
  if (!family) throw new AppError('FORBIDDEN', '只有孩子的监护人可以确认预约');
  return db
    .transaction(async (tx) => {
      await repo.lockSlot(tx, row.districtId, row.slotId);
      const [current] = await tx
        .select()
        .from(bookings)
        .where(and(eq(bookings.districtId, row.districtId), eq(bookings.id, id)));
      if (current!.status === 'confirmed') return presentBooking(await viewById(tx, row.districtId, id), actor);
      if (current!.status !== 'held') throw new AppError('CONFLICT', '这个预约不在待确认状态');
      if (current!.holdExpiresAt!.getTime() <= Date.now()) {
        const lapsed = await repo.expireHolds(tx, row.districtId, row.slotId);
        await repo.releaseSeats(tx, row.districtId, row.slotId, lapsed);
        await repo.promoteWaitlist(tx, row.districtId, row.slotId);
        // Commit the release, then tell the family; throwing here would roll the release back.
        return null;
      }
      await tx
        .update(bookings)
        .set({ status: 'confirmed', confirmedAt: new Date(), holdExpiresAt: null, updatedAt: new Date() })
        .where(and(eq(bookings.districtId, row.districtId), eq(bookings.id, id)));
      await recordAudit(tx, {
        actor,
        action: 'booking.confirm',
        recordType: 'booking',
        recordId: id,
        districtId: row.studentDistrictId,
        studentId: row.studentId,
        purpose: '家长确认预约',
        ip,
      });
      return presentBooking(await viewById(tx, row.districtId, id), actor);
    })
    .then((booking) => {
      if (!booking) throw new AppError('CONFLICT', `保留已超过 ${HOLD_MINUTES} 分钟，座位已释放，请重新选择时段`);
      return booking;
    });
}

/** Family cancels within the window; the venue may cancel any time before the session. Seats go to the waiting list. */
export async function cancelBooking(db: Database, actor: Actor, id: string, reason: string | undefined, ip: string) {
  const { row, view, family, venue } = await loadVisible(db, actor, id);
  const by: 'family' | 'venue' = family ? 'family' : 'venue';
  if (!family && !venue) throw notFound('预约');
  return db.transaction(async (tx) => {
    await repo.lockSlot(tx, row.districtId, row.slotId);
    const [current] = await tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.districtId, row.districtId), eq(bookings.id, id)));
    const status = current!.status;
    if (status === 'cancelled') throw new AppError('CONFLICT', '这个预约已经取消了');
    if (!['held', 'confirmed', 'waitlisted'].includes(status)) {
      throw new AppError('CONFLICT', status === 'checkedIn' ? '已签到的预约不能取消' : '这个预约已结束，不能取消');
    }
    const startsAt = new Date(view.slotStartsAt).getTime();
    if (startsAt <= Date.now()) throw new AppError('CONFLICT', '活动已经开始，不能再取消');
    if (by === 'family' && status === 'confirmed' && Date.now() > startsAt - view.cancelBeforeMinutes * 60_000) {
      const hours = view.cancelBeforeMinutes / 60;
      throw new AppError(
        'CONFLICT',
        `已超过取消期限（活动开始前 ${Number.isInteger(hours) ? `${hours} 小时` : `${view.cancelBeforeMinutes} 分钟`}），如有变化请直接联系场馆`,
      );
    }
    await tx
      .update(bookings)
      .set({
        status: 'cancelled',
        cancelledBy: by,
        cancelledAt: new Date(),
        holdExpiresAt: null,
        updatedAt: new Date(),
      })
      .where(and(eq(bookings.districtId, row.districtId), eq(bookings.id, id)));
    let promoted: string[] = [];
    if (status === 'held' || status === 'confirmed') {
      await repo.releaseSeats(tx, row.districtId, row.slotId, 1);
      promoted = await repo.promoteWaitlist(tx, row.districtId, row.slotId);
    }
    await recordAudit(tx, {
      actor,
      action: 'booking.cancel',
      recordType: 'booking',
      recordId: id,
      districtId: row.studentDistrictId,
      studentId: row.studentId,
      purpose: by === 'family' ? '家长取消预约' : '场馆取消预约',
      ip,
      detail: { cancelledBy: by, previous: status, reason: reason ?? null, promoted },
    });
    return presentBooking(await viewById(tx, row.districtId, id), actor);
  });
}

export async function listMine(db: Queryable, actor: Actor, scope: 'upcoming' | 'past' | 'all') {
  const mine = or(
    eq(bookings.guardianUserId, actor.userId),
    sql`(${bookings.studentDistrictId}, ${bookings.studentId}) IN (SELECT ${guardianships.districtId}, ${guardianships.studentId} FROM ${guardianships} WHERE ${guardianships.guardianUserId} = ${actor.userId})`,
  )!;
  const when =
    scope === 'upcoming'
      ? sql`${slots.endsAt} > now() AND ${bookings.status} <> 'expired'`
      : scope === 'past'
        ? sql`(${slots.endsAt} <= now() OR ${bookings.status} = 'expired')`
        : sql`true`;
  const views = await repo.listBookingViews(db, and(mine, when)!, 200);
  return { items: views.map((v) => presentBooking(v, actor)) };
}

/** The districts and units whose doors the actor keeps, as one SQL condition on resources (the policy's own scope). */
function venueCondition(actor: Actor) {
  return unitScope(actor, 'booking:attend', resources.districtId, resources.orgUnitId);
}

export async function listVenueBookings(
  db: Queryable,
  actor: Actor,
  date: string | undefined,
  resourceId: string | undefined,
  ip: string,
) {
  if (!canAnywhere(actor, 'booking:attend')) throw new AppError('FORBIDDEN', '只有资源单位工作人员可以查看预约名单');
  const day = date ?? todayInBeijing();
  const { from, to } = dayBounds(day);
  const views = await repo.listBookingViews(
    db,
    and(
      venueCondition(actor),
      sql`${slots.startsAt} >= ${from}::timestamptz AND ${slots.startsAt} < ${to}::timestamptz`,
      resourceId ? eq(bookings.resourceId, resourceId) : undefined,
      inArray(bookings.status, ['confirmed', 'checkedIn', 'noShow', 'waitlisted', 'cancelled']),
    )!,
    1000,
  );
  const counts = { confirmed: 0, checkedIn: 0, noShow: 0, waitlisted: 0, cancelled: 0 };
  for (const v of views) counts[v.booking.status as keyof typeof counts]++;
  // Staff see children's names here: one audit row per list, naming how many children were shown.
  await recordAudit(db, {
    actor,
    action: 'booking.list',
    recordType: 'booking',
    purpose: '场馆查看当日预约名单',
    ip,
    detail: { date: day, resourceId: resourceId ?? null, rows: views.length },
  });
  return { date: day, items: views.map((v) => presentVenueRow(v, actor)), counts };
}

async function attend(
  db: Database,
  actor: Actor,
  view: repo.BookingViewRow,
  outcome: 'checkedIn' | 'noShow',
  ip: string,
) {
  const b = view.booking;
  if (b.status === 'checkedIn' && outcome === 'checkedIn') {
    throw new AppError('CONFLICT', `${view.studentName}已于 ${formatBeijingTime(b.checkedInAt!)} 签到，无需重复签到`);
  }
  if (b.status === 'cancelled') throw new AppError('CONFLICT', '这个预约已取消，不能签到');
  if (b.status === 'waitlisted' || b.status === 'held' || b.status === 'expired') {
    throw new AppError('CONFLICT', '这个预约尚未确认，不能签到');
  }
  const startsAt = new Date(view.slotStartsAt);
  if (outcome === 'checkedIn' && beijingDate(startsAt) !== todayInBeijing()) {
    throw new AppError('CONFLICT', `这个预约的活动在 ${beijingDate(startsAt)}，不是今天`);
  }
  if (outcome === 'noShow' && startsAt.getTime() > Date.now()) {
    throw new AppError('CONFLICT', '活动还没开始，不能标记未到场');
  }
  const [updated] = await db
    .update(bookings)
    .set({
      status: outcome,
      checkedInAt: outcome === 'checkedIn' ? new Date() : null,
      attendanceBy: actor.userId,
      updatedAt: new Date(),
    })
    .where(and(eq(bookings.districtId, b.districtId), eq(bookings.id, b.id), eq(bookings.status, b.status)))
    .returning({ id: bookings.id });
  if (!updated) throw new AppError('CONFLICT', '预约状态刚刚被修改，请刷新后重试');
  await recordAudit(db, {
    actor,
    action: outcome === 'checkedIn' ? 'booking.checkIn' : 'booking.noShow',
    recordType: 'booking',
    recordId: b.id,
    districtId: b.studentDistrictId,
    studentId: b.studentId,
    purpose: '场馆签到与考勤',
    ip,
  });
  return presentVenueRow(await viewById(db, b.districtId, b.id), actor);
}

function formatBeijingTime(d: Date) {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}

export async function checkInByCode(db: Database, actor: Actor, code: string, ip: string) {
  if (!canAnywhere(actor, 'booking:attend')) throw new AppError('FORBIDDEN', '只有资源单位工作人员可以签到');
  const view = await repo.findBookingView(
    db,
    and(eq(bookings.checkInCode, code.toUpperCase()), venueCondition(actor))!,
  );
  if (!view) throw new AppError('NOT_FOUND', '签到码无效，或不是本单位的预约');
  return attend(db, actor, view, 'checkedIn', ip);
}

export async function markAttendance(
  db: Database,
  actor: Actor,
  id: string,
  outcome: 'checkedIn' | 'noShow',
  ip: string,
) {
  const { view, venue } = await loadVisible(db, actor, id);
  if (!venue) throw new AppError('FORBIDDEN', '只有场馆工作人员可以标记到场情况');
  return attend(db, actor, view, outcome, ip);
}

/**
 * Releases lapsed holds (seats go to the waiting list in order), closes waiting lists of started sessions
 * and forgets Idempotency-Keys older than a day.
 */
export async function sweep(db: Database): Promise<number> {
  const due = await repo.slotsNeedingSweep(db);
  let released = 0;
  for (const { district_id: districtId, slot_id: slotId } of due.rows) {
    released += await db.transaction(async (tx) => {
      await repo.lockSlot(tx, districtId, slotId);
      const lapsed = await repo.expireHolds(tx, districtId, slotId);
      await repo.releaseSeats(tx, districtId, slotId, lapsed);
      await repo.promoteWaitlist(tx, districtId, slotId);
      return lapsed;
    });
  }
  await repo.expireStartedWaitlists(db);
  // A retry comes within minutes; a day of Idempotency-Keys is plenty, and the table stays small.
  await db.execute(sql`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`);
  return released;
}
