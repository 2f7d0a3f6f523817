/** Rows and written scenarios → API shapes. Never returns a raw row; choice qualities never leave the server. */
import {
  FREE_TEXT_MAX,
  childMoodLabels,
  turnQualityLabels,
  type ScenarioDetail,
  type ScenarioSession,
  type ScenarioSummary,
  type TurnFeedback,
} from '../../../shared/contract/scenarios.js';
import { parentTurnRange, type Scenario, type ScenarioNode } from './data/types.js';
import type { SessionRow, StoredTurn } from './repository.js';
import { explain, tipFor } from './rubric.js';

export interface MyScenarioRecord {
  bestTotal: number | null;
  finishedSessions: number;
  activeSessionId: string | null;
}

export function presentScenarioSummary(scenario: Scenario, mine: MyScenarioRecord): ScenarioSummary {
  return {
    slug: scenario.slug,
    title: scenario.title,
    summary: scenario.summary,
    ageBands: [...scenario.ageBands],
    skillsFocus: [...scenario.skillsFocus],
    difficulty: scenario.difficulty,
    persona: { name: scenario.persona.name, age: scenario.persona.age, avatar: scenario.persona.avatar },
    mine,
  };
}

export function presentScenarioDetail(scenario: Scenario, mine: MyScenarioRecord): ScenarioDetail {
  return {
    ...presentScenarioSummary(scenario, mine),
    intro: scenario.intro,
    setting: scenario.setting,
    persona: { ...scenario.persona },
    parentTurns: parentTurnRange(scenario),
  };
}

/** The model answer of a step: its good choice. */
export function betterLineOf(node: ScenarioNode): { id: string; text: string } {
  const best = node.choices.find((c) => c.quality === 'good')!;
  return { id: best.id, text: best.text };
}

/** One answered step with its per-skill feedback (the rubric's reasons, a tip and the model answer). */
export function presentTurn(turn: StoredTurn, index: number, scenario: Scenario): TurnFeedback {
  const node = scenario.nodes[turn.nodeId]!;
  const better = betterLineOf(node);
  const { skills, penalties } = explain(turn);
  const alreadyBest = turn.choiceId === better.id || turn.parentLine === better.text;
  return {
    index,
    childLine: turn.childLine,
    parentLine: turn.parentLine,
    mode: turn.mode,
    total: turn.total,
    quality: turn.quality,
    qualityLabel: turnQualityLabels[turn.quality],
    skills,
    penalties,
    tip: tipFor(turn, scenario.skillsFocus),
    betterLine: alreadyBest ? null : better.text,
    childReply: {
      line: turn.reply.line,
      mood: turn.reply.mood,
      moodLabel: childMoodLabels[turn.reply.mood],
      source: turn.reply.source,
    },
    at: turn.at,
  };
}

/** A session as the parent sees it: the history, the step waiting for an answer, or how it ended. */
export function presentSession(row: SessionRow, scenario: Scenario): ScenarioSession {
  const start = scenario.nodes[scenario.start]!;
  const node = scenario.nodes[row.nodeId]!;
  const last = row.turns.at(-1);
  return {
    id: row.id,
    scenario: {
      slug: scenario.slug,
      title: scenario.title,
      setting: scenario.setting,
      persona: { ...scenario.persona },
    },
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    opening: { line: start.childLine, mood: start.childMood, moodLabel: childMoodLabels[start.childMood], source: 'script' },
    turns: row.turns.map((t, i) => presentTurn(t, i, scenario)),
    current:
      row.status === 'active'
        ? {
            nodeId: node.id,
            childLine: last?.reply.line ?? node.childLine,
            mood: node.childMood,
            moodLabel: childMoodLabels[node.childMood],
            choices: node.choices.map((c) => ({ id: c.id, text: c.text })),
            allowFreeText: true,
            freeTextMaxLength: FREE_TEXT_MAX,
          }
        : null,
    ending:
      row.status === 'finished' && node.ending
        ? { outcome: node.ending.outcome, summary: node.ending.summary, total: row.total ?? 0 }
        : null,
  };
}
