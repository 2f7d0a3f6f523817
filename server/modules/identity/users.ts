/** 账户管理 routes — admins list and reset the accounts whose whole authority lies inside their subtree. */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import * as api from '../../../shared/contract/identity.js';
import type { AppDeps } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { route } from '../../http/route.js';
import { canAnywhere, manageableUserScope } from '../policy/policy.js';
import { users } from '../../db/schema.js';
import { isUserInScope, listUsersInScope } from './repository.js';
import { resetPassword } from './service.js';

export function userAdminRoutes(app: FastifyInstance, { db }: AppDeps, authenticate: onRequestAsyncHookHandler) {
  route(app, authenticate, api.listUsers, async ({ actor, query }) => {
    if (!canAnywhere(actor, 'user:manage')) throw notFound('账户');
    const { rows, total } = await listUsersInScope(db, manageableUserScope(actor, users.id), query);
    return {
      items: rows.map((r) => ({
        id: r.id,
        username: r.username,
        displayName: r.displayName,
        roles: [...(r.isGuardian ? ['guardian'] : []), ...r.roles],
        locked: !!r.lockedUntil && r.lockedUntil > new Date(),
      })),
      total,
    };
  });

  route(app, authenticate, api.resetUserPassword, ({ actor, params, request }) =>
    resetPassword(db, actor, params.userId, request.ip, (tx) =>
      isUserInScope(tx, manageableUserScope(actor, users.id), params.userId),
    ),
  );
}
