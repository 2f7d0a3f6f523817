/** Drizzle queries for scenario sessions (情景练习记录). Every query is scoped to one user; no rules here. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  CHILD_MOODS,
  PenaltyScoresSchema,
  SkillScoresSchema,
  TURN_QUALITIES,
} from '../../../shared/contract/scenarios.js';
import type { Queryable } from '../../db/client.js';
import { scenarioSessions } from '../../db/schema.js';

/** One answered step as stored in `scenario_sessions.turns` (jsonb): what was said, how it scored, what came back. */
export const StoredTurnSchema = z.object({
  /** The node the parent answered. */
  nodeId: z.string(),
  /** What the child had said at that node (scripted or voiced by the model). */
  childLine: z.string(),
  choiceId: z.string().nullable(),
  mode: z.enum(['choice', 'text']),
  parentLine: z.string(),
  skills: SkillScoresSchema,
  penalties: PenaltyScoresSchema,
  total: z.number().int(),
  quality: z.enum(TURN_QUALITIES),
  matched: z.record(z.string(), z.array(z.string())),
  nextNodeId: z.string(),
  reply: z.object({ line: z.string(), mood: z.enum(CHILD_MOODS), source: z.enum(['llm', 'script']) }),
  at: z.string(),
});
export type StoredTurn = z.infer<typeof StoredTurnSchema>;

/** `scenario_sessions.scores` (jsonb), written when a session finishes. */
export const StoredScoresSchema = z.object({
  skills: SkillScoresSchema,
  penalties: PenaltyScoresSchema,
  observed: z.record(z.string(), z.number().int()),
});
export type StoredScores = z.infer<typeof StoredScoresSchema>;

type RawRow = typeof scenarioSessions.$inferSelect;
export type SessionRow = Omit<RawRow, 'turns' | 'scores' | 'status'> & {
  status: 'active' | 'finished';
  turns: StoredTurn[];
  scores: StoredScores | null;
};

function parseRow(row: RawRow): SessionRow {
  return {
    ...row,
    status: row.status === 'finished' ? 'finished' : 'active',
    turns: z.array(StoredTurnSchema).parse(row.turns),
    scores: row.scores == null ? null : StoredScoresSchema.parse(row.scores),
  };
}

export function insertSession(db: Queryable, values: { userId: string; scenarioSlug: string; nodeId: string }) {
  return db
    .insert(scenarioSessions)
    .values(values)
    .returning()
    .then((rows) => parseRow(rows[0]!));
}

/** The session if it belongs to `userId`; undefined for a missing id and for anyone else's session alike. */
export function findSessionOfUser(db: Queryable, userId: string, id: string) {
  return db
    .select()
    .from(scenarioSessions)
    .where(and(eq(scenarioSessions.id, id), eq(scenarioSessions.userId, userId)))
    .limit(1)
    .then((rows) => (rows[0] ? parseRow(rows[0]) : undefined));
}

/**
 * Records one answered step, only if the session is still active at the node and turn count the caller
 * read. Two submissions for the same step race on this single statement: exactly one row matches, the
 * other gets undefined (the caller answers 409). No lock is held while a model is voicing the child.
 */
export function applyTurn(
  db: Queryable,
  current: { id: string; userId: string; nodeId: string; turnCount: number },
  next: { nodeId: string; turns: StoredTurn[]; finished: { scores: StoredScores; total: number } | null },
) {
  return db
    .update(scenarioSessions)
    .set({
      nodeId: next.nodeId,
      turns: next.turns,
      ...(next.finished
        ? { status: 'finished', scores: next.finished.scores, total: next.finished.total, finishedAt: sql`now()` }
        : {}),
    })
    .where(
      and(
        eq(scenarioSessions.id, current.id),
        eq(scenarioSessions.userId, current.userId),
        eq(scenarioSessions.status, 'active'),
        eq(scenarioSessions.nodeId, current.nodeId),
        sql`jsonb_array_length(${scenarioSessions.turns}) = ${current.turnCount}`,
      ),
    )
    .returning()
    .then((rows) => (rows[0] ? parseRow(rows[0]) : undefined));
}

const summaryColumns = {
  id: scenarioSessions.id,
  scenarioSlug: scenarioSessions.scenarioSlug,
  status: scenarioSessions.status,
  scores: scenarioSessions.scores,
  total: scenarioSessions.total,
  startedAt: scenarioSessions.startedAt,
  finishedAt: scenarioSessions.finishedAt,
};

export interface SessionSummaryRow {
  id: string;
  scenarioSlug: string;
  status: 'active' | 'finished';
  scores: StoredScores | null;
  total: number | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** All of a user's sessions without their turns, oldest first (progress, list badges, comparisons). */
export function listSessionsOfUser(db: Queryable, userId: string, scenarioSlug?: string): Promise<SessionSummaryRow[]> {
  return db
    .select(summaryColumns)
    .from(scenarioSessions)
    .where(and(eq(scenarioSessions.userId, userId), scenarioSlug ? eq(scenarioSessions.scenarioSlug, scenarioSlug) : undefined))
    .orderBy(asc(scenarioSessions.startedAt), asc(scenarioSessions.id))
    .then((rows) =>
      rows.map((r) => ({
        ...r,
        status: r.status === 'finished' ? 'finished' : 'active',
        scores: r.scores == null ? null : StoredScoresSchema.parse(r.scores),
      })),
    );
}
