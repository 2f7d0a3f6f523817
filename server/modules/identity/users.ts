/** 账户管理 — admins list and reset the accounts whose whole authority lies inside their subtree. */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { and, asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import * as api from '../../../shared/contract/identity.js';
import type { Queryable } from '../../db/client.js';
import { qualified as q } from '../../db/sql.js';
import { guardianships, roleAssignments, users } from '../../db/schema.js';
import type { AppDeps } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { route } from '../../http/route.js';
import { canAnywhere, manageableUserScope, type Actor } from '../policy/policy.js';
import { resetPassword } from './service.js';

function isManageable(db: Queryable, actor: Actor, userId: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), manageableUserScope(actor, users.id)))
    .then((rows) => rows.length > 0);
}

export function userAdminRoutes(app: FastifyInstance, { db }: AppDeps, authenticate: onRequestAsyncHookHandler) {
  route(app, authenticate, api.listUsers, async ({ actor, query }) => {
    if (!canAnywhere(actor, 'user:manage')) throw notFound('账户');
    const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const where = and(
      manageableUserScope(actor, users.id),
      pattern ? or(ilike(users.username, pattern), ilike(users.displayName, pattern), ilike(users.mobile, pattern)) : undefined,
    );
    const [rows, totals] = await Promise.all([
      db
        .select({
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          lockedUntil: users.lockedUntil,
          roles: sql<string[]>`array(SELECT DISTINCT ${q(roleAssignments.role)}::text FROM ${roleAssignments} WHERE ${q(roleAssignments.userId)} = ${q(users.id)})`,
          isGuardian: sql<boolean>`EXISTS (SELECT 1 FROM ${guardianships} WHERE ${q(guardianships.guardianUserId)} = ${q(users.id)})`,
        })
        .from(users)
        .where(where)
        .orderBy(asc(users.username))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ total: count() }).from(users).where(where),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        username: r.username,
        displayName: r.displayName,
        roles: [...(r.isGuardian ? ['guardian'] : []), ...r.roles],
        locked: !!r.lockedUntil && r.lockedUntil > new Date(),
      })),
      total: totals[0]?.total ?? 0,
    };
  });

  route(app, authenticate, api.resetUserPassword, ({ actor, params, request }) =>
    resetPassword(db, actor, params.userId, request.ip, (tx) => isManageable(tx, actor, params.userId)),
  );
}
