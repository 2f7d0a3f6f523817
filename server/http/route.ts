import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Endpoint } from '../../shared/contract/endpoint.js';
import { ProblemSchema } from '../../shared/problem.js';
import type { Actor } from '../modules/policy/policy.js';

type Out<S> = NonNullable<S> extends z.ZodType ? z.output<NonNullable<S>> : undefined;

export interface HandlerContext<E extends Endpoint> {
  request: FastifyRequest;
  reply: FastifyReply;
  /** Set for authenticated endpoints (the default); null only where `auth: false`. */
  actor: E['auth'] extends false ? Actor | null : Actor;
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
}

/**
 * Registers one contract endpoint. Handler order everywhere: authenticate (onRequest, so an anonymous
 * caller learns nothing about the schema) → validate (zod) → the handler loads, authorises through the
 * policy module, calls the service and presents. Responses are validated against the contract too.
 */
export function route<E extends Endpoint>(
  app: FastifyInstance,
  authenticate: onRequestAsyncHookHandler,
  endpoint: E,
  handler: (ctx: HandlerContext<E>) => Promise<Out<E['response']> | void>,
) {
  const status = endpoint.status ?? 200;
  app.withTypeProvider<ZodTypeProvider>().route({
    method: endpoint.method,
    url: endpoint.path,
    onRequest: endpoint.auth === false ? [] : [authenticate],
    schema: {
      summary: endpoint.summary,
      tags: endpoint.tags,
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { querystring: endpoint.query } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      response: {
        [status]: endpoint.response,
        '4xx': ProblemSchema,
        '5xx': ProblemSchema,
      },
    },
    handler: async (request, reply) => {
      const result = await handler({
        request,
        reply,
        actor: request.actor as HandlerContext<E>['actor'],
        params: request.params as Out<E['params']>,
        query: request.query as Out<E['query']>,
        body: request.body as Out<E['body']>,
      });
      reply.status(status);
      if (status === 204) return reply.send();
      return result;
    },
  });
}
