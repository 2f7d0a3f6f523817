import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { and, count, desc, eq, gte, lte } from 'drizzle-orm';
import * as api from '../../../shared/contract/audit.js';
import { auditEvents } from '../../db/schema.js';
import type { AppDeps } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { route } from '../../http/route.js';
import { auditScope, canAnywhere } from '../policy/policy.js';

export function auditRoutes(app: FastifyInstance, { db }: AppDeps, authenticate: onRequestAsyncHookHandler) {
  route(app, authenticate, api.searchAudit, async ({ actor, query }) => {
    if (!canAnywhere(actor, 'audit:search')) throw notFound('审计日志');
    const where = and(
      auditScope(actor),
      query.studentId ? eq(auditEvents.studentId, query.studentId) : undefined,
      query.actorUserId ? eq(auditEvents.actorUserId, query.actorUserId) : undefined,
      query.action ? eq(auditEvents.action, query.action) : undefined,
      query.outcome ? eq(auditEvents.outcome, query.outcome) : undefined,
      query.from ? gte(auditEvents.at, new Date(query.from)) : undefined,
      query.to ? lte(auditEvents.at, new Date(query.to)) : undefined,
    );
    const [rows, totals] = await Promise.all([
      db
        .select()
        .from(auditEvents)
        .where(where)
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ total: count() }).from(auditEvents).where(where),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actorUserId: r.actorUserId,
        actorName: r.actorName,
        actorRoles: r.actorRoles,
        action: r.action,
        outcome: r.outcome as 'allowed' | 'denied',
        recordType: r.recordType,
        recordId: r.recordId,
        studentId: r.studentId,
        districtId: r.districtId,
        purpose: r.purpose,
        ip: r.ip,
      })),
      total: totals[0]?.total ?? 0,
    };
  });
}
