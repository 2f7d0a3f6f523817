import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import type { AppConfig } from '../config.js';
import type { Actor } from '../modules/policy/policy.js';

/** What every handler can reach: the database and the configuration. Passed explicitly, never imported. */
export interface AppDeps {
  db: Database;
  config: AppConfig;
}

export interface RequestSession {
  id: string;
  lastSeenAt: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: RequestSession | null;
  }
}

/** The actor of an authenticated route; route() guarantees it is set before the handler runs. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('route without authentication asked for an actor');
  return request.actor;
}
