import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as api from '../../../shared/contract/assistant.js';
import type { AppDeps } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { route } from '../../http/route.js';
import { recordAudit } from '../audit/service.js';
import { canAnywhere } from '../policy/policy.js';
import * as cases from './crisis-cases.js';
import { presentArticle, searchKnowledge, getArticle, updateArticle } from './knowledge/service.js';
import * as kbRepo from './knowledge/repository.js';
import * as repo from './repository.js';
import type { StoredAnswerMeta } from './repository.js';
import type { AskResponse } from '../../../shared/contract/assistant.js';
import { ask, askStream, requestCounselor } from './service.js';

export function assistantRoutes(app: FastifyInstance, { db, config }: AppDeps, authenticate: onRequestAsyncHookHandler) {
  route(app, authenticate, api.ask, ({ actor, body, request }) => ask(db, config, actor, body, request.ip));

  // The streaming twin of /ask: same body, same engine, answered as server-sent events.
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/assistant/stream',
    {
      onRequest: [authenticate],
      schema: { summary: '向京小帮提问（SSE 流式：meta → delta… → done）', tags: ['京小帮'], body: api.AskBodySchema },
    },
    async (request, reply) => {
      const events = askStream(db, config, request.actor!, request.body, request.ip);
      // Errors before the first event (rate limit, unknown child or conversation) still answer problem+json.
      const first = await events.next();
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (e: { event: string; data: unknown }) => reply.raw.write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
      try {
        if (!first.done) send(first.value);
        for await (const e of events) send(e);
      } catch (error) {
        request.log.error({ err: error }, 'assistant stream failed');
        send({ event: 'error', data: { detail: '回答生成失败，请稍后重试' } });
      }
      reply.raw.end();
    },
  );

  route(app, authenticate, api.requestCounselor, ({ actor, body, request }) => requestCounselor(db, actor, body, request.ip));

  route(app, authenticate, api.listConversations, async ({ actor }) => ({
    items: (await repo.listOwnConversations(db, actor.userId)).map((c) => ({
      id: c.id,
      title: c.title,
      studentId: c.studentId,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    })),
  }));

  route(app, authenticate, api.getConversation, async ({ actor, params, request }) => {
    const c = await repo.findOwnConversation(db, actor.userId, params.conversationId);
    if (!c) throw notFound('会话');
    const messages = await repo.listMessages(db, c.id);
    await recordAudit(db, {
      actor,
      action: 'assistant.conversation.read',
      recordType: 'conversation',
      recordId: c.id,
      studentId: c.studentId,
      purpose: '家长查看本人问答记录',
      ip: request.ip,
    });
    return {
      id: c.id,
      title: c.title,
      studentId: c.studentId,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      messages: messages.map((m) => {
        const meta = m.meta as Partial<StoredAnswerMeta>;
        return {
          id: m.id,
          role: m.role as 'user' | 'assistant',
          content: m.content,
          crisis: m.crisis,
          citations: m.citations as { id: string; slug: string; title: string }[],
          source: m.source,
          actions: (meta.actions ?? []) as AskResponse['actions'],
          crisisCategories: meta.crisisCategories ?? [],
          crisisCaseId: meta.crisisCaseId ?? null,
          personalisedFor: meta.personalisedFor ?? null,
          createdAt: m.createdAt.toISOString(),
        };
      }),
    };
  });

  route(app, authenticate, api.deleteConversation, async ({ actor, params }) => {
    const deleted = await repo.deleteOwnConversation(db, actor.userId, params.conversationId);
    if (deleted.length === 0) throw notFound('会话');
  });

  route(app, authenticate, api.deleteAllConversations, async ({ actor }) => {
    await repo.deleteAllOwnConversations(db, actor.userId);
  });

  route(app, authenticate, api.listCrisisCases, async ({ actor, query, request }) => ({
    items: await cases.listQueue(db, actor, query.status, request.ip),
  }));

  route(app, authenticate, api.advanceCrisisCase, ({ actor, params, body, request }) =>
    cases.advance(db, actor, params.caseId, body.status, body.note, request.ip),
  );

  route(app, authenticate, api.agreeAlertHeadTeacher, ({ actor, params, request }) =>
    cases.agreeToAlertHeadTeacher(db, actor, params.caseId, request.ip),
  );

  route(app, authenticate, api.listArticles, async ({ query }) => {
    let rows = await kbRepo.listArticles(db);
    if (query.q) {
      // Search results keep their ranking order.
      const ranked = (await searchKnowledge(db, query.q, null, 20)).map((h) => h.id);
      rows = ranked.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
    }
    return {
      items: rows.map((r) => {
        const a = presentArticle(r);
        return { id: a.id, slug: a.slug, title: a.title, ageBands: a.ageBands, topics: a.topics, summary: a.summary, version: a.version, updatedAt: a.updatedAt };
      }),
    };
  });

  route(app, authenticate, api.getArticle, async ({ params }) => presentArticle(await getArticle(db, params.slug)));

  route(app, authenticate, api.updateArticle, async ({ actor, params, body, request }) => {
    if (!canAnywhere(actor, 'kb:edit')) throw notFound('文章');
    return presentArticle(await updateArticle(db, actor, params.slug, body, request.ip));
  });

  route(app, authenticate, api.listArticleVersions, async ({ actor, params }) => {
    if (!canAnywhere(actor, 'kb:edit')) throw notFound('文章');
    const article = await getArticle(db, params.slug);
    return {
      items: (await kbRepo.listVersions(db, article.id)).map((v) => ({
        version: v.version,
        title: v.title,
        editedAt: v.editedAt.toISOString(),
        editedByName: v.editedByName,
      })),
    };
  });
}
