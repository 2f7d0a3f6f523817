import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import * as api from '../../../shared/contract/scenarios.js';
import type { AppDeps } from '../../http/context.js';
import { route } from '../../http/route.js';
import { llmConfigFrom } from '../llm/client.js';
import * as service from './service.js';

/** 情景训练: any signed-in user rehearses; sessions, reports and progress are the user's own. */
export function scenarioRoutes(app: FastifyInstance, { db, config }: AppDeps, authenticate: onRequestAsyncHookHandler) {
  const deps: service.ScenarioDeps = { db, llm: llmConfigFrom(config) };

  route(app, authenticate, api.listScenarios, async ({ actor }) => ({ items: await service.listScenarios(db, actor) }));

  route(app, authenticate, api.scenarioProgress, ({ actor }) => service.progress(db, actor));

  route(app, authenticate, api.getScenario, ({ actor, params }) => service.scenarioDetail(db, actor, params.slug));

  route(app, authenticate, api.startScenarioSession, ({ actor, params }) => service.startSession(db, actor, params.slug));

  route(app, authenticate, api.getScenarioSession, ({ actor, params }) => service.readSession(db, actor, params.sessionId));

  route(app, authenticate, api.answerScenarioTurn, ({ actor, params, body }) =>
    service.answerTurn(deps, actor, params.sessionId, body),
  );

  route(app, authenticate, api.getScenarioReport, ({ actor, params }) => service.readReport(db, actor, params.sessionId));
}
