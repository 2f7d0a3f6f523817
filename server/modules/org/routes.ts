import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import * as api from '../../../shared/contract/org.js';
import type { AppDeps } from '../../http/context.js';
import { route } from '../../http/route.js';
import { listNodes } from './service.js';

export function orgRoutes(app: FastifyInstance, { db }: AppDeps, authenticate: onRequestAsyncHookHandler) {
  route(app, authenticate, api.listOrgNodes, async ({ actor, query }) => ({
    items: await listNodes(db, actor, query.parent),
  }));
}
