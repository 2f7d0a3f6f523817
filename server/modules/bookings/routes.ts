import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import * as api from '../../../shared/contract/bookings.js';
import { AppError } from '../../http/errors.js';
import type { AppDeps } from '../../http/context.js';
import { route } from '../../http/route.js';
import * as resources from '../resources/service.js';
import { runSearch } from '../resources/search.js';
import { allTerms } from '../resources/taxonomy.js';
import { presentHit } from '../resources/presenter.js';
import { bookingIcs } from './ics.js';
import * as service from './service.js';

const idempotencyKey = z
  .string()
  .trim()
  .min(8, { error: 'Idempotency-Key 至少 8 个字符' })
  .max(100, { error: 'Idempotency-Key 最多 100 个字符' })
  .regex(/^[A-Za-z0-9_.:-]+$/, { error: 'Idempotency-Key 只能包含字母、数字和 _ . : -' })
  .optional();

function readIdempotencyKey(header: unknown): string | undefined {
  const parsed = idempotencyKey.safeParse(typeof header === 'string' ? header : undefined);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', parsed.error.issues[0]!.message, [
      { path: 'headers.idempotency-key', message: parsed.error.issues[0]!.message },
    ]);
  }
  return parsed.data;
}

/** 预约: families book for their children; venues keep the door. */
export function bookingRoutes(app: FastifyInstance, { db }: AppDeps, authenticate: onRequestAsyncHookHandler) {
  route(app, authenticate, api.createBooking, ({ actor, body, request }) =>
    service.createBooking(db, actor, body, request.ip, readIdempotencyKey(request.headers['idempotency-key'])),
  );

  route(app, authenticate, api.listMyBookings, ({ actor, query }) => service.listMine(db, actor, query.scope));

  route(app, authenticate, api.getBooking, ({ actor, params }) => service.getBooking(db, actor, params.bookingId));

  route(app, authenticate, api.confirmBooking, ({ actor, params, request }) =>
    service.confirmBooking(db, actor, params.bookingId, request.ip),
  );

  route(app, authenticate, api.cancelBooking, ({ actor, params, body, request }) =>
    service.cancelBooking(db, actor, params.bookingId, body.reason, request.ip),
  );

  route(app, authenticate, api.listVenueBookings, ({ actor, query, request }) =>
    service.listVenueBookings(db, actor, query.date, query.resourceId, request.ip),
  );

  route(app, authenticate, api.checkIn, ({ actor, body, request }) =>
    service.checkInByCode(db, actor, body.code, request.ip),
  );

  route(app, authenticate, api.markAttendance, ({ actor, params, body, request }) =>
    service.markAttendance(db, actor, params.bookingId, body.outcome, request.ip),
  );

  /**
   * One click: the nearest matching resource that has a free slot, held for the child at once; the family
   * confirms (or lets it lapse) from the answer. Tries the next nearest if a seat is taken meanwhile.
   */
  route(app, authenticate, api.nearestBooking, async ({ actor, body, request }) => {
    const { plan } = await resources.planSearch(
      db,
      actor,
      {
        q: body.need,
        term: body.term,
        lat: body.lat,
        lng: body.lng,
        studentId: body.studentId,
        date: body.date,
        limit: 20,
      },
      request.ip,
    );
    if ((body.lat === undefined) !== (body.lng === undefined)) {
      throw new AppError('VALIDATION_FAILED', '纬度和经度必须同时提供', [
        { path: 'body.lat', message: '缺少经度或纬度' },
      ]);
    }
    let { rows } = await runSearch(db, plan);
    if (plan.tokens.length > 0 && rows.every((r) => Number(r.text_score) === 0)) rows = [];
    const withSlot = rows.filter((r) => r.slot_id).sort((a, b) => Number(a.dist ?? 0) - Number(b.dist ?? 0));
    if (withSlot.length === 0) {
      throw new AppError('NOT_FOUND', '附近暂时没有符合需求且有余位的资源，可以换个需求或日期再试');
    }
    const termsById = new Map((await allTerms(db)).map((t) => [t.id, t]));
    for (const row of withSlot.slice(0, 5)) {
      try {
        const booking = await service.createBooking(
          db,
          actor,
          { slotId: row.slot_id!, studentId: body.studentId, joinWaitlist: false, confirmNow: false },
          request.ip,
        );
        return { hit: presentHit(row, termsById, plan.tokens, plan.childAge), booking };
      } catch (error) {
        // Someone took the last seat between search and hold: try the next nearest.
        // …or the child already holds that one.
        if (error instanceof AppError && error.code === 'CONFLICT' && /约满|已预约或候补/.test(error.detail)) continue;
        throw error;
      }
    }
    throw new AppError('CONFLICT', '附近有余位的时段刚刚被约满，请稍后再试');
  });

  // The .ics download: a calendar file, not JSON; same authorisation as reading the booking.
  app.get(
    '/api/v1/bookings/:bookingId/calendar.ics',
    { onRequest: [authenticate], schema: { summary: '下载预约的日历文件（.ics）', tags: ['预约'] } },
    async (request, reply) => {
      const parsed = z
        .uuid({ error: '预约编号格式不正确' })
        .safeParse((request.params as { bookingId?: string }).bookingId);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', '预约编号格式不正确', [
          { path: 'params.bookingId', message: '预约编号格式不正确' },
        ]);
      }
      const booking = await service.getBooking(db, request.actor!, parsed.data);
      reply.header('Content-Disposition', `attachment; filename="booking-${booking.id.slice(0, 8)}.ics"`);
      reply.type('text/calendar; charset=utf-8');
      return reply.send(bookingIcs(booking));
    },
  );
}
