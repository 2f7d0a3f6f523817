/** 预约 — holds, bookings, waiting lists, check-in. */
import { z } from 'zod';
import { defineEndpoint, fields } from './endpoint.js';
import { SearchHitSchema } from './resources.js';

const tags = ['预约'];

export const BOOKING_STATUSES = [
  'held',
  'confirmed',
  'waitlisted',
  'cancelled',
  'checkedIn',
  'noShow',
  'expired',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const bookingStatusLabels: Record<BookingStatus, string> = {
  held: '保留中',
  confirmed: '已预约',
  waitlisted: '候补中',
  cancelled: '已取消',
  checkedIn: '已签到',
  noShow: '未到场',
  expired: '保留已过期',
};

/** Minutes a chosen slot is held while the family confirms. */
export const HOLD_MINUTES = 5;
/** Live bookings (held, confirmed, waitlisted) one family may have for future sessions. */
export const FAMILY_LIVE_BOOKING_LIMIT = 6;

export const BookingSchema = z.object({
  id: z.string(),
  districtId: z.string(),
  status: z.enum(BOOKING_STATUSES),
  resource: z.object({ id: z.string(), name: z.string(), address: z.string(), unitName: z.string() }),
  slot: z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string() }),
  student: z.object({ id: z.string(), name: z.string() }),
  guardianName: z.string(),
  holdExpiresAt: z.string().nullable(),
  /** 1-based place in the waiting list while waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  /** Shown to the family only (a QR in the UI); staff type or scan it. */
  checkInCode: z.string().nullable(),
  cancelledBy: z.enum(['family', 'venue']).nullable(),
  cancelledAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  /** Families may cancel until this time. */
  cancellableUntil: z.string(),
  createdAt: z.string(),
  allowed: z.object({ confirm: z.boolean(), cancel: z.boolean(), attendance: z.boolean() }),
});
export type Booking = z.infer<typeof BookingSchema>;

const bookingParams = z.object({ bookingId: fields.uuid('预约编号') });

export const createBooking = defineEndpoint({
  method: 'POST',
  path: '/api/v1/bookings',
  summary: '为孩子预约一个时段：有余位则保留 5 分钟待确认，满员可加入候补（支持 Idempotency-Key）',
  tags,
  body: z.object({
    slotId: fields.uuid('时段编号'),
    studentId: fields.uuid('孩子编号'),
    /** When the slot is full: join the waiting list instead of being refused. */
    joinWaitlist: z.boolean().default(false),
    /** Skip the hold and book at once (the one-click flow has already asked). */
    confirmNow: z.boolean().default(false),
  }),
  response: BookingSchema,
  status: 201,
});

export const confirmBooking = defineEndpoint({
  method: 'POST',
  path: '/api/v1/bookings/:bookingId/confirm',
  summary: '确认保留中的预约',
  tags,
  params: bookingParams,
  response: BookingSchema,
});

export const cancelBooking = defineEndpoint({
  method: 'POST',
  path: '/api/v1/bookings/:bookingId/cancel',
  summary: '取消预约（家长在取消期限前；场馆随时，并通知候补顺位递补）',
  tags,
  params: bookingParams,
  body: z.object({ reason: fields.text('取消原因', 100).optional() }),
  response: BookingSchema,
});

export const listMyBookings = defineEndpoint({
  method: 'GET',
  path: '/api/v1/bookings/mine',
  summary: '我的预约',
  tags,
  query: z.object({ scope: z.enum(['upcoming', 'past', 'all']).default('upcoming') }),
  response: z.object({ items: z.array(BookingSchema) }),
});

export const getBooking = defineEndpoint({
  method: 'GET',
  path: '/api/v1/bookings/:bookingId',
  summary: '预约详情',
  tags,
  params: bookingParams,
  response: BookingSchema,
});

/** The .ics download is a plain GET returning text/calendar: `/api/v1/bookings/:bookingId/calendar.ics`. */
export const bookingCalendarPath = (bookingId: string) =>
  `/api/v1/bookings/${encodeURIComponent(bookingId)}/calendar.ics`;

export const nearestBooking = defineEndpoint({
  method: 'POST',
  path: '/api/v1/resources/nearest-booking',
  summary: '一键就近匹配：找到最近的、开放且有余位的匹配资源并为孩子保留时段（确认后生效）',
  tags,
  body: z.object({
    lat: z
      .number()
      .min(-90, { error: '纬度必须在 -90 到 90 之间' })
      .max(90, { error: '纬度必须在 -90 到 90 之间' })
      .optional(),
    lng: z
      .number()
      .min(-180, { error: '经度必须在 -180 到 180 之间' })
      .max(180, { error: '经度必须在 -180 到 180 之间' })
      .optional(),
    /** Free text or a scene, e.g. "天文" or "domain:ti". */
    need: z.string().trim().max(100, { error: '需求不能超过 100 个字符' }).optional(),
    term: z.array(z.string()).max(10).optional(),
    studentId: fields.uuid('孩子编号'),
    date: fields.isoDate('日期').optional(),
  }),
  response: z.object({ hit: SearchHitSchema, booking: BookingSchema }),
  status: 201,
});

/* ── Resource staff ── */

export const VenueBookingRowSchema = BookingSchema.extend({
  /** Staff see the child's name and the guardian's masked phone, never the code. */
  guardianPhone: z.string().nullable(),
});

export const listVenueBookings = defineEndpoint({
  method: 'GET',
  path: '/api/v1/venue/bookings',
  summary: '场馆某天的预约名单（默认今天）',
  tags,
  query: z.object({ date: fields.isoDate('日期').optional(), resourceId: fields.uuid('资源编号').optional() }),
  response: z.object({
    date: z.string(),
    items: z.array(VenueBookingRowSchema),
    counts: z.object({
      confirmed: z.number().int(),
      checkedIn: z.number().int(),
      noShow: z.number().int(),
      waitlisted: z.number().int(),
      cancelled: z.number().int(),
    }),
  }),
});

export const checkIn = defineEndpoint({
  method: 'POST',
  path: '/api/v1/venue/check-in',
  summary: '凭签到码签到（扫码或手输）',
  tags,
  body: z.object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{6,10}$/i, { error: '签到码格式不正确' }),
  }),
  response: VenueBookingRowSchema,
});

export const markAttendance = defineEndpoint({
  method: 'POST',
  path: '/api/v1/bookings/:bookingId/attendance',
  summary: '场馆标记到场或未到场',
  tags,
  params: bookingParams,
  body: z.object({ outcome: z.enum(['checkedIn', 'noShow'], { error: '只能标记为已签到或未到场' }) }),
  response: VenueBookingRowSchema,
});
