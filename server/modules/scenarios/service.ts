/**
 * 沉浸式家庭情景训练 — the rules of a rehearsal: who may see a session (its owner only), how an answer is
 * scored and moves the dialogue, when a session ends, and how reports and progress are computed.
 * Any signed-in user may rehearse (guardians mainly, teachers too); sessions are private to their user.
 */
import {
  SCENARIO_PENALTIES,
  SCENARIO_SKILLS,
  scenarioPenaltyLabels,
  scenarioSkillLabels,
  type ScenarioProgress,
  type ScenarioReport,
  type SkillScores,
} from '../../../shared/contract/scenarios.js';
import type { Database, Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../http/errors.js';
import type { LlmConfig } from '../llm/client.js';
import type { Actor } from '../policy/policy.js';
import { SCENARIOS, findScenario, type Scenario, type ScenarioChoice } from './data/index.js';
import {
  betterLineOf,
  presentScenarioDetail,
  presentScenarioSummary,
  presentSession,
  presentTurn,
  type MyScenarioRecord,
} from './presenter.js';
import * as repo from './repository.js';
import { describeTurn, scoreLine, scoreSession } from './rubric.js';
import { voiceChild } from './roleplay.js';

/** The Chinese messages of this module's refusals (asserted verbatim by the tests). */
export const scenarioErrors = {
  stale: '这一步已经回答过了，请刷新后继续',
  finished: '这次练习已经结束，请查看报告或重新开始',
  unknownChoice: '没有这个选项，请从当前给出的选项中选择',
  notFinished: '练习还没有完成，完成后才能查看报告',
  retired: '这个情景已经下线，无法继续练习',
} as const;

export interface ScenarioDeps {
  db: Database;
  /** Null when no model is configured: the child speaks only scripted lines. */
  llm: LlmConfig | null;
}

function scenarioOrNotFound(slug: string): Scenario {
  const scenario = findScenario(slug);
  if (!scenario) throw notFound('训练情景');
  return scenario;
}

/** Loads the actor's own session; someone else's answers exactly like a missing one (404). */
async function loadOwnSession(db: Queryable, actor: Actor, sessionId: string) {
  const row = await repo.findSessionOfUser(db, actor.userId, sessionId);
  if (!row) throw notFound('练习记录');
  const scenario = findScenario(row.scenarioSlug);
  if (!scenario || !scenario.nodes[row.nodeId]) throw new AppError('CONFLICT', scenarioErrors.retired);
  return { row, scenario };
}

function myRecords(sessions: repo.SessionSummaryRow[]): Map<string, MyScenarioRecord> {
  const records = new Map<string, MyScenarioRecord>();
  for (const s of sessions) {
    const r = records.get(s.scenarioSlug) ?? { bestTotal: null, finishedSessions: 0, activeSessionId: null };
    if (s.status === 'finished' && s.total != null) {
      r.finishedSessions += 1;
      r.bestTotal = Math.max(r.bestTotal ?? 0, s.total);
    }
    // Oldest first, so the last active one seen is the newest.
    if (s.status === 'active') r.activeSessionId = s.id;
    records.set(s.scenarioSlug, r);
  }
  return records;
}

const noRecord: MyScenarioRecord = { bestTotal: null, finishedSessions: 0, activeSessionId: null };

export async function listScenarios(db: Queryable, actor: Actor) {
  const records = myRecords(await repo.listSessionsOfUser(db, actor.userId));
  return SCENARIOS.map((s) => presentScenarioSummary(s, records.get(s.slug) ?? noRecord));
}

export async function scenarioDetail(db: Queryable, actor: Actor, slug: string) {
  const scenario = scenarioOrNotFound(slug);
  const records = myRecords(await repo.listSessionsOfUser(db, actor.userId, slug));
  return presentScenarioDetail(scenario, records.get(slug) ?? noRecord);
}

export async function startSession(db: Queryable, actor: Actor, slug: string) {
  const scenario = scenarioOrNotFound(slug);
  const row = await repo.insertSession(db, { userId: actor.userId, scenarioSlug: slug, nodeId: scenario.start });
  return presentSession(row, scenario);
}

export async function readSession(db: Queryable, actor: Actor, sessionId: string) {
  const { row, scenario } = await loadOwnSession(db, actor, sessionId);
  return presentSession(row, scenario);
}

/**
 * Answers the current step with a written choice or the parent's own words: scores the line offline,
 * picks the next node (the choice's, or by the rubric's quality for free text), lets the model voice the
 * child for free text when configured, and records the step with a conditional update so a concurrent
 * or repeated submission for the same step is refused (409) instead of applied twice.
 */
export async function answerTurn(
  deps: ScenarioDeps,
  actor: Actor,
  sessionId: string,
  answer: { choiceId?: string; text?: string; nodeId?: string },
) {
  const { db } = deps;
  const { row, scenario } = await loadOwnSession(db, actor, sessionId);
  if (row.status === 'finished') throw new AppError('CONFLICT', scenarioErrors.finished);
  if (answer.nodeId !== undefined && answer.nodeId !== row.nodeId) throw new AppError('CONFLICT', scenarioErrors.stale);
  const node = scenario.nodes[row.nodeId]!;

  let choice: ScenarioChoice | null = null;
  if (answer.choiceId !== undefined) {
    choice = node.choices.find((c) => c.id === answer.choiceId) ?? null;
    if (!choice) {
      // A choice of a step this session already passed is a stale page, not a bad request.
      const answered = row.turns.some((t) => scenario.nodes[t.nodeId]?.choices.some((c) => c.id === answer.choiceId));
      if (answered) throw new AppError('CONFLICT', scenarioErrors.stale);
      throw new AppError('VALIDATION_FAILED', scenarioErrors.unknownChoice, [{ path: 'body.choiceId', message: scenarioErrors.unknownChoice }]);
    }
  }
  const parentLine = choice ? choice.text : answer.text!;
  const score = scoreLine(parentLine);
  const nextNode = scenario.nodes[choice ? choice.next : node.freeTextNext[score.quality]]!;
  const childLine = row.turns.at(-1)?.reply.line ?? node.childLine;

  const reply =
    choice === null
      ? await voiceChild(deps.llm, scenario, nextNode, [
          ...row.turns.map((t) => ({ childLine: t.childLine, parentLine: t.parentLine })),
          { childLine, parentLine },
        ])
      : ({ line: nextNode.childLine, source: 'script' } as const);

  const turn: repo.StoredTurn = {
    nodeId: node.id,
    childLine,
    choiceId: choice?.id ?? null,
    mode: choice ? 'choice' : 'text',
    parentLine,
    skills: score.skills,
    penalties: score.penalties,
    total: score.total,
    quality: score.quality,
    matched: score.matched,
    nextNodeId: nextNode.id,
    reply: { line: reply.line, mood: nextNode.childMood, source: reply.source },
    at: new Date().toISOString(),
  };
  const turns = [...row.turns, turn];
  let finished = null;
  if (nextNode.end) {
    const session = scoreSession(turns, scenario.skillsFocus);
    finished = { scores: { skills: session.skills, penalties: session.penalties, observed: session.observed }, total: session.total };
  }
  const updated = await repo.applyTurn(
    db,
    { id: row.id, userId: actor.userId, nodeId: row.nodeId, turnCount: row.turns.length },
    { nodeId: nextNode.id, turns, finished },
  );
  if (!updated) throw new AppError('CONFLICT', scenarioErrors.stale);
  return {
    feedback: presentTurn(turn, turns.length - 1, scenario),
    session: presentSession(updated, scenario),
    report: updated.status === 'finished' ? await buildReport(db, updated, scenario) : null,
  };
}

export async function readReport(db: Queryable, actor: Actor, sessionId: string) {
  const { row, scenario } = await loadOwnSession(db, actor, sessionId);
  if (row.status !== 'finished') throw new AppError('CONFLICT', scenarioErrors.notFinished);
  return buildReport(db, row, scenario);
}

function skillDelta(a: SkillScores, b: SkillScores): SkillScores {
  return Object.fromEntries(SCENARIO_SKILLS.map((s) => [s, a[s] - b[s]])) as SkillScores;
}

function comparisonMessage(total: number, previous: { total: number; skills: SkillScores }[], changes: SkillScores | null): string {
  const last = previous.at(-1);
  if (!last || !changes) return '这是你第一次完成这个情景。再练一次，试试把“最需改进的一句”换个说法。';
  const best = Math.max(...previous.map((p) => p.total));
  const change = total - last.total;
  const top = [...SCENARIO_SKILLS].sort((a, b) => changes[b] - changes[a])[0]!;
  const parts: string[] = [];
  if (change > 0) parts.push(`比上次提高了 ${change} 分`);
  else if (change < 0) parts.push(`比上次低了 ${-change} 分`);
  else parts.push('和上次持平');
  if (changes[top] > 0) parts.push(`“${scenarioSkillLabels[top]}”进步最大（+${changes[top]}）`);
  if (total > best) parts.push('创造了这个情景的最好成绩');
  return `${parts.join('，')}。`;
}

/** The report of a finished session: per-skill scores, the best and worst step, and the comparison. */
async function buildReport(db: Queryable, row: repo.SessionRow, scenario: Scenario): Promise<ScenarioReport> {
  // Stored at finish; recomputed only for a row finished before scores were stored (same formula).
  const scores = row.scores ?? scoreSession(row.turns, scenario.skillsFocus);
  const total = row.total ?? 0;
  const indexed = row.turns.map((t, index) => ({ t, index }));
  // Best: the highest-scoring step (earliest on ties). Worst: the lowest among the others (latest on ties).
  const best = indexed.reduce((a, b) => (b.t.total > a.t.total ? b : a));
  const others = indexed.filter((x) => x.index !== best.index);
  const worst = (others.length ? others : indexed).reduce((a, b) => (b.t.total <= a.t.total ? b : a));
  const reportTurn = (x: { t: repo.StoredTurn; index: number }, as: 'best' | 'worst') => ({
    index: x.index,
    childLine: x.t.childLine,
    parentLine: x.t.parentLine,
    total: x.t.total,
    reason: describeTurn(x.t, as),
    betterLine: betterLineOf(scenario.nodes[x.t.nodeId]!).text,
  });

  const finishedAt = row.finishedAt ?? new Date();
  const previous = (await repo.listSessionsOfUser(db, row.userId, scenario.slug))
    .filter(
      (s) =>
        s.id !== row.id &&
        s.status === 'finished' &&
        s.scores &&
        s.total != null &&
        s.finishedAt &&
        (s.finishedAt < finishedAt || (s.finishedAt.getTime() === finishedAt.getTime() && s.startedAt < row.startedAt)),
    )
    .sort((a, b) => a.finishedAt!.getTime() - b.finishedAt!.getTime())
    .map((s) => ({ total: s.total!, skills: s.scores!.skills }));
  const last = previous.at(-1);
  const skillChanges = last ? skillDelta(scores.skills, last.skills) : null;
  const endNode = scenario.nodes[row.nodeId]!;

  return {
    sessionId: row.id,
    scenario: { slug: scenario.slug, title: scenario.title },
    finishedAt: finishedAt.toISOString(),
    total,
    skills: SCENARIO_SKILLS.map((skill) => ({
      skill,
      label: scenarioSkillLabels[skill],
      score: scores.skills[skill],
      observedTurns: scores.observed[skill] ?? 0,
      focus: scenario.skillsFocus.includes(skill),
    })),
    penalties: SCENARIO_PENALTIES.map((penalty) => ({
      penalty,
      label: scenarioPenaltyLabels[penalty],
      score: scores.penalties[penalty],
      observedTurns: scores.observed[penalty] ?? 0,
    })),
    ending: { outcome: endNode.ending?.outcome ?? 'fair', summary: endNode.ending?.summary ?? '' },
    bestTurn: reportTurn(best, 'best'),
    worstTurn: reportTurn(worst, 'worst'),
    comparison: {
      previousSessions: previous.length,
      previousBest: previous.length ? Math.max(...previous.map((p) => p.total)) : null,
      previousLatest: last?.total ?? null,
      change: last ? total - last.total : null,
      skillChanges,
      message: comparisonMessage(total, previous, skillChanges),
    },
  };
}

function averageSkills(list: SkillScores[]): SkillScores | null {
  if (!list.length) return null;
  return Object.fromEntries(
    SCENARIO_SKILLS.map((s) => [s, Math.round(list.reduce((sum, x) => sum + x[s], 0) / list.length)]),
  ) as SkillScores;
}

/** The actor's progress: per scenario tried, attempts, best, latest and the per-skill history. */
export async function progress(db: Queryable, actor: Actor): Promise<ScenarioProgress> {
  const sessions = await repo.listSessionsOfUser(db, actor.userId);
  const finished = sessions
    .filter((s) => s.status === 'finished' && s.scores && s.total != null && s.finishedAt)
    .sort((a, b) => a.finishedAt!.getTime() - b.finishedAt!.getTime());
  const items = SCENARIOS.filter((s) => sessions.some((x) => x.scenarioSlug === s.slug)).map((scenario) => {
    const mine = finished.filter((s) => s.scenarioSlug === scenario.slug);
    return {
      slug: scenario.slug,
      title: scenario.title,
      avatar: scenario.persona.avatar,
      attempts: sessions.filter((s) => s.scenarioSlug === scenario.slug).length,
      finishedSessions: mine.length,
      best: mine.length ? Math.max(...mine.map((s) => s.total!)) : null,
      latest: mine.at(-1)?.total ?? null,
      skillAverages: averageSkills(mine.map((s) => s.scores!.skills)),
      history: mine.map((s) => ({
        sessionId: s.id,
        finishedAt: s.finishedAt!.toISOString(),
        total: s.total!,
        skills: s.scores!.skills,
      })),
    };
  });
  return {
    finishedSessions: finished.length,
    scenariosTried: items.length,
    skillAverages: averageSkills(finished.map((s) => s.scores!.skills)),
    items,
  };
}
