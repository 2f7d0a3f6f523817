/**
 * The shape of a written scenario (情景剧本) and the small helpers the scenario files are written with.
 * A scenario is a branching dialogue: each step (node) is what the child says, three parent answers of
 * clearly different quality, and where each answer leads. Poor answers lead to the escalated branch,
 * good ones to the branch where the child opens up — and a good answer on a tense branch repairs it.
 */
import type { AgeBand } from '../../../../shared/contract/domain.js';
import type {
  ChildMood,
  ScenarioDifficulty,
  ScenarioSkill,
  TurnQuality,
} from '../../../../shared/contract/scenarios.js';

export interface ScenarioChoice {
  /** Unique within the scenario (`<nodeId>-<n>`), so a stale answer can never land on a later step. */
  id: string;
  /** The parent's line. */
  text: string;
  /** The node this answer leads to. */
  next: string;
  /** How the authors rate this answer; the rubric must agree (checked by a test). */
  quality: TurnQuality;
  /** Why it is good or poor, in a sentence (quality notes for reviewers and the report). */
  note: string;
}

export interface ScenarioNode {
  id: string;
  /** What the child says on arriving at this step. */
  childLine: string;
  childMood: ChildMood;
  /** Three answers of different quality, in display order (see displayOrder); empty at an end node. */
  choices: ScenarioChoice[];
  /**
   * Where a typed answer leads, by the rubric's quality of the typed line. Defaults to the `next` of the
   * written choice of the same quality, so free text follows the same logic as the choices.
   */
  freeTextNext: Record<TurnQuality, string>;
  end: boolean;
  /** At an end node: how it went and what to take away. */
  ending: { outcome: TurnQuality; summary: string } | null;
}

export interface Scenario {
  slug: string;
  title: string;
  summary: string;
  intro: string;
  setting: string;
  ageBands: AgeBand[];
  /** The skills this scenario practises; they count double in the session total. */
  skillsFocus: ScenarioSkill[];
  difficulty: ScenarioDifficulty;
  persona: { name: string; age: number; avatar: string; temperament: string };
  start: string;
  nodes: Record<string, ScenarioNode>;
}

type ChoiceDraft = Omit<ScenarioChoice, 'id'>;
type NodeDraft = Omit<ScenarioNode, 'choices' | 'freeTextNext'> & {
  choices: ChoiceDraft[];
  freeTextNext?: Partial<Record<TurnQuality, string>>;
};

export const good = (text: string, next: string, note: string): ChoiceDraft => ({ text, next, quality: 'good', note });
export const fair = (text: string, next: string, note: string): ChoiceDraft => ({ text, next, quality: 'fair', note });
export const poor = (text: string, next: string, note: string): ChoiceDraft => ({ text, next, quality: 'poor', note });

/** A step where the parent answers: three answers, one of each quality (shown in a mixed order). */
export function step(
  id: string,
  childMood: ChildMood,
  childLine: string,
  choices: ChoiceDraft[],
  freeTextNext?: Partial<Record<TurnQuality, string>>,
): NodeDraft {
  return { id, childMood, childLine, choices, end: false, ending: null, ...(freeTextNext ? { freeTextNext } : {}) };
}

/** The last thing the child says, and how the conversation ended. */
export function ending(id: string, childMood: ChildMood, childLine: string, outcome: TurnQuality, summary: string): NodeDraft {
  return { id, childMood, childLine, choices: [], end: true, ending: { outcome, summary } };
}

/**
 * The order answers are shown in: the good answer moves to a position picked by a hash of the step (the
 * others keep their written order), so it lands in every position about equally often and a parent
 * cannot learn "the first one is best". Deterministic, so ids and order never change between requests.
 */
function displayOrder(key: string, choices: ChoiceDraft[]): ChoiceDraft[] {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  const best = choices.filter((c) => c.quality === 'good');
  const rest = choices.filter((c) => c.quality !== 'good');
  const at = hash % (rest.length + 1);
  return [...rest.slice(0, at), ...best, ...rest.slice(at)];
}

/**
 * Turns a written scenario into its runtime form: numbers the choices, fills free-text routing and
 * checks the graph (every `next` exists, three answers of each quality, end nodes have none). A
 * mistake in a scenario file fails at import, not in front of a parent.
 */
export function defineScenario(draft: Omit<Scenario, 'nodes'> & { nodes: NodeDraft[] }): Scenario {
  const nodes: Record<string, ScenarioNode> = {};
  const fail = (why: string) => {
    throw new Error(`scenario ${draft.slug}: ${why}`);
  };
  for (const n of draft.nodes) {
    if (nodes[n.id]) fail(`duplicate node ${n.id}`);
    const choices = displayOrder(`${draft.slug}/${n.id}`, n.choices).map((c, i) => ({ ...c, id: `${n.id}-${i + 1}` }));
    const byQuality = (q: TurnQuality) => choices.find((c) => c.quality === q)?.next ?? '';
    nodes[n.id] = {
      ...n,
      choices,
      freeTextNext: {
        good: n.freeTextNext?.good ?? byQuality('good'),
        fair: n.freeTextNext?.fair ?? byQuality('fair'),
        poor: n.freeTextNext?.poor ?? byQuality('poor'),
      },
    };
  }
  if (!nodes[draft.start]) fail(`missing start node ${draft.start}`);
  for (const n of Object.values(nodes)) {
    if (n.end) {
      if (n.choices.length || !n.ending) fail(`end node ${n.id} must have an ending and no choices`);
      continue;
    }
    const qualities = n.choices.map((c) => c.quality).sort();
    if (qualities.join() !== 'fair,good,poor') fail(`node ${n.id} needs exactly one good, one fair and one poor answer`);
    for (const next of [...n.choices.map((c) => c.next), ...Object.values(n.freeTextNext)]) {
      if (!nodes[next]) fail(`node ${n.id} leads to missing node ${next}`);
    }
  }
  return { ...draft, nodes };
}

/**
 * The fewest and most parent turns from the start to any ending, over every path (choices and free-text
 * routes). Scenarios are acyclic by construction: a cycle would make this throw.
 */
export function parentTurnRange(scenario: Scenario): { min: number; max: number } {
  const memo = new Map<string, { min: number; max: number }>();
  const visit = (id: string, depth: number): { min: number; max: number } => {
    if (depth > 50) throw new Error(`scenario ${scenario.slug}: the dialogue loops at ${id}`);
    const known = memo.get(id);
    if (known) return known;
    const node = scenario.nodes[id]!;
    let result = { min: 0, max: 0 };
    if (!node.end) {
      const nexts = [...new Set([...node.choices.map((c) => c.next), ...Object.values(node.freeTextNext)])];
      const below = nexts.map((n) => visit(n, depth + 1));
      result = { min: 1 + Math.min(...below.map((b) => b.min)), max: 1 + Math.max(...below.map((b) => b.max)) };
    }
    memo.set(id, result);
    return result;
  };
  return visit(scenario.start, 0);
}
