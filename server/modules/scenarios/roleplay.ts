/**
 * 角色扮演 — when a model is configured, it voices the simulated child after a parent's typed answer, so
 * the reply can respond to the parent's actual words. The model never decides anything: the branch and
 * the score are already fixed offline, and the scripted line of the branch is given to it as direction.
 * Any failure (not configured, timeout, HTTP error, empty or unusable text) falls back to the script.
 */
import { childMoodLabels } from '../../../shared/contract/scenarios.js';
import { complete, LlmUnavailableError, type ChatMessage, type LlmConfig } from '../llm/client.js';
import type { Scenario, ScenarioNode } from './data/index.js';

export interface ChildReply {
  line: string;
  source: 'llm' | 'script';
}

/** The longest model reply we keep; the persona speaks in short, spoken sentences. */
const MAX_REPLY_CHARS = 80;

/** The system prompt: who the child is, how they feel right now, and the rules of the role-play. */
export function childSystemPrompt(scenario: Scenario, node: ScenarioNode): string {
  const { persona } = scenario;
  return [
    `你在一个家长沟通练习中扮演孩子“${persona.name}”，${persona.age} 岁。性格：${persona.temperament}。`,
    `情景：${scenario.setting}`,
    `你此刻的情绪是“${childMoodLabels[node.childMood]}”。剧本里你此刻大致会说：“${node.childLine}”——保持这个意思和情绪，但要回应家长刚才说的话。`,
    '规则：只以孩子的身份、用孩子的口吻说话；用不超过两句简短的中文口语回答；不离开这个情景；',
    '绝不给家长任何建议或评价，不解释你在扮演，不加引号、旁白、动作描写或表情符号。',
  ].join('\n');
}

/** The conversation so far as chat turns: the child is the assistant, the parent is the user. */
export function roleplayMessages(
  scenario: Scenario,
  node: ScenarioNode,
  history: { childLine: string; parentLine: string }[],
): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: childSystemPrompt(scenario, node) }];
  for (const turn of history) {
    messages.push({ role: 'assistant', content: turn.childLine }, { role: 'user', content: turn.parentLine });
  }
  return messages;
}

/**
 * Makes a model reply safe to show and store as the child's line: one or two sentences, plain text
 * (no markup or control characters), without the name prefix or quotes models like to add.
 * Returns '' when nothing usable is left.
 */
export function cleanReply(text: string, childName: string): string {
  let line = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  line = line.replace(new RegExp(`^${childName}\\s*[：:]\\s*`), '');
  line = line.replace(/^["“「『'‘]+|["”」』'’]+$/g, '').trim();
  const sentences = line.match(/[^。！？!?…]+[。！？!?…]*/g) ?? [];
  line = sentences.slice(0, 2).join('').trim();
  if (line.length > MAX_REPLY_CHARS) line = `${line.slice(0, MAX_REPLY_CHARS - 1)}…`;
  return line;
}

/** The child's reply at `node`: the model's words when it answers in time, otherwise the script. */
export async function voiceChild(
  llm: LlmConfig | null,
  scenario: Scenario,
  node: ScenarioNode,
  history: { childLine: string; parentLine: string }[],
): Promise<ChildReply> {
  const script: ChildReply = { line: node.childLine, source: 'script' };
  if (!llm) return script;
  try {
    const line = cleanReply(await complete(llm, roleplayMessages(scenario, node, history)), scenario.persona.name);
    return line ? { line, source: 'llm' } : script;
  } catch (error) {
    if (error instanceof LlmUnavailableError) return script;
    throw error;
  }
}
