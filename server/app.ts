/** Builds the Fastify application: plugins, security, the API routes and the web client. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './http/context.js';
import { registerErrorHandling, sendProblem, toProblem } from './http/errors.js';
import { registerOriginCheck, registerSecurityHeaders } from './http/security.js';
import { assistantRoutes } from './modules/assistant/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { bookingRoutes } from './modules/bookings/routes.js';
import { identityRoutes, makeAuthenticate } from './modules/identity/routes.js';
import { userAdminRoutes } from './modules/identity/users.js';
import { orgRoutes } from './modules/org/routes.js';
import { resourceRoutes } from './modules/resources/routes.js';
import { scenarioRoutes } from './modules/scenarios/routes.js';
import { studentRoutes } from './modules/students/routes.js';

const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));

export interface BuildOptions {
  /** pino options or false; tests pass false. */
  logger?: boolean | Record<string, unknown>;
  /** Serve the built web client from dist/web (default: when it exists). */
  serveWeb?: boolean;
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.LOG_LEVEL },
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.TRUST_PROXY,
    // Request ids in every log line, so one request can be followed through the logs.
    requestIdHeader: 'x-request-id',
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await registerSecurityHeaders(app);
  await app.register(cookie);
  registerOriginCheck(app, deps.config.ALLOWED_ORIGINS);

  await app.register(swagger, {
    openapi: {
      info: {
        title: '共育 Gongyu API',
        description: '北京市学校家庭社会协同育人“教联体”平台接口。错误统一为 application/problem+json，detail 为中文说明。',
        version: '1',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gy_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const authenticate = makeAuthenticate(deps);
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    await deps.db.execute(sql`SELECT 1`);
    return reply.send({ status: 'ok' });
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  identityRoutes(app, deps, authenticate);
  userAdminRoutes(app, deps, authenticate);
  studentRoutes(app, deps, authenticate);
  orgRoutes(app, deps, authenticate);
  auditRoutes(app, deps, authenticate);
  scenarioRoutes(app, deps, authenticate);
  assistantRoutes(app, deps, authenticate);
  resourceRoutes(app, deps, authenticate);
  bookingRoutes(app, deps, authenticate);

  const serveWeb = options.serveWeb ?? existsSync(path.join(webRoot, 'index.html'));
  if (serveWeb) {
    // wildcard: files are looked up per request, so a rebuilt dist/web is served without a restart.
    await app.register(fastifyStatic, { root: webRoot, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/api';
    const isAsset = request.url.startsWith('/assets/');
    if (!isApi && !isAsset && serveWeb && (request.method === 'GET' || request.method === 'HEAD')) {
      // Client-side routes (/children, /org…) are answered by the single-page app.
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    const what = isAsset ? '文件' : '接口';
    return sendProblem(reply, toProblem('NOT_FOUND', `${what}不存在：${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`));
  });
  return app;
}
