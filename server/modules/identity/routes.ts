import type { FastifyInstance, FastifyReply, onRequestAsyncHookHandler } from 'fastify';
import { sql } from 'drizzle-orm';
import * as api from '../../../shared/contract/identity.js';
import { DEMO_PASSWORD, demoAccounts } from '../../../shared/demo.js';
import { systemMeta } from '../../db/schema.js';
import type { AppDeps } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { route } from '../../http/route.js';
import { SESSION_COOKIE, sessionIdFromToken } from './sessions.js';
import * as service from './service.js';

/** onRequest hook: a live session cookie → request.actor, otherwise 401 in Chinese. */
export function makeAuthenticate({ db }: AppDeps): onRequestAsyncHookHandler {
  return async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    const found = token ? await service.authenticateSession(db, sessionIdFromToken(token)) : null;
    if (!found) throw new AppError('UNAUTHENTICATED', token ? '登录已过期，请重新登录' : '请先登录');
    request.actor = found.actor;
    request.session = found.session;
  };
}

export function identityRoutes(app: FastifyInstance, deps: AppDeps, authenticate: onRequestAsyncHookHandler) {
  const { db, config } = deps;
  const setCookie = (reply: FastifyReply, token: string, maxAge: number) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE,
      path: '/',
      maxAge,
    });

  route(app, authenticate, api.login, async ({ body, request, reply }) => {
    const result = await service.login(db, body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    setCookie(reply, result.token, result.maxAgeSeconds);
    return service.describeMe(db, result.actor, request.ip);
  });

  route(app, authenticate, api.logout, async ({ request, reply }) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await service.authenticateSession(db, sessionIdFromToken(token));
      if (found) await service.logout(db, found.actor, found.session.id, request.ip);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  });

  route(app, authenticate, api.getMe, ({ actor, request }) => service.describeMe(db, actor, request.ip));

  route(app, authenticate, api.listMySessions, async ({ actor, request }) => ({
    items: await service.listSessions(db, actor, request.session!.id),
  }));

  route(app, authenticate, api.revokeMySession, ({ actor, params, request }) =>
    service.endSession(db, actor, params.sessionId, request.ip),
  );

  route(app, authenticate, api.changeMyPassword, ({ actor, body, request }) =>
    service.changePassword(db, actor, request.session!.id, body, request.ip),
  );

  route(app, authenticate, api.listDemoAccounts, async () => {
    const seeded = await db
      .select({ key: systemMeta.key })
      .from(systemMeta)
      .where(sql`${systemMeta.key} = 'demo_city'`);
    return seeded.length
      ? { password: DEMO_PASSWORD, accounts: demoAccounts.map((a) => ({ ...a })) }
      : { password: null, accounts: [] };
  });
}
