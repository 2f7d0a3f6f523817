/** Every written scenario, in the order the list shows them (gentler first). */
import afterDivorce from './after-divorce.js';
import examAnxiety from './exam-anxiety.js';
import fallingGrades from './falling-grades.js';
import homeworkDawdling from './homework-dawdling.js';
import leftOut from './left-out.js';
import lying from './lying.js';
import onlineFriend from './online-friend.js';
import phoneConfiscation from './phone-confiscation.js';
import schoolRefusal from './school-refusal.js';
import shortVideo from './short-video.js';
import siblingJealousy from './sibling-jealousy.js';
import talkingBack from './talking-back.js';
import type { Scenario } from './types.js';

export type { Scenario, ScenarioChoice, ScenarioNode } from './types.js';

export const SCENARIOS: readonly Scenario[] = [
  homeworkDawdling,
  siblingJealousy,
  phoneConfiscation,
  examAnxiety,
  leftOut,
  lying,
  shortVideo,
  schoolRefusal,
  talkingBack,
  fallingGrades,
  onlineFriend,
  afterDivorce,
];

const bySlug = new Map(SCENARIOS.map((s) => [s.slug, s]));
if (bySlug.size !== SCENARIOS.length) throw new Error('two scenarios share a slug');

export function findScenario(slug: string): Scenario | undefined {
  return bySlug.get(slug);
}
