/**
 * 评分规则 — the transparent, offline scorer for any parent line, chosen or typed. No model is involved:
 * every point comes from a Chinese phrase pattern below, and every reason names the words that matched,
 * so a parent (or a reviewer) can see exactly why a line scored what it did.
 *
 * ── Formula ────────────────────────────────────────────────────────────────────────────────────────
 * Per line (one parent turn):
 *   skill_s   = min(100, Σ weight of each distinct pattern of skill s found in the line)      s ∈ 5 skills
 *   penalty_p = min(100, Σ weight of each distinct pattern of penalty p found in the line)    p ∈ 3 penalties
 *   turnTotal = clamp₀¹⁰⁰ round( 45 + Σ_s W_s·skill_s/100 − Σ_p P_p·penalty_p/100 )
 *               W = listening 25, namingFeelings 25, empathy 25, boundary 20, problemSolving 25
 *               P = blame 40, threat 50, lecture 30
 *   A calm line with no technique and no harm scores 45; two techniques lift it past 65; one threat
 *   alone drops it to about 15.
 *   quality   = poor  if turnTotal < 35, or blame/threat ≥ 50, or lecture ≥ 60 (one strong harm is enough
 *                     to make a child defensive, whatever else was said)
 *               good  if turnTotal ≥ 65 and no penalty ≥ 30
 *               fair  otherwise
 *
 * Per session (all of a parent's turns):
 *   S_s    = round(0.6 · max_t skill_s(t) + 0.4 · mean_t skill_s(t))
 *            — nobody names a feeling in every sentence, so showing a skill well once counts most, and
 *            using it consistently adds the rest. A skill never shown scores 0 (reported with
 *            observedTurns = 0, so the UI can say "本次没有用到" rather than imply a failure of effort).
 *   Pen_p  = round(mean_t penalty_p(t))
 *   total  = clamp₀¹⁰⁰ round( Σ_s w_s·S_s / Σ_s w_s − Σ_p P_p·Pen_p/100 )
 *            w_s = 2 for the skills this scenario practises (its skillsFocus), 1 for the others.
 */
import {
  SCENARIO_PENALTIES,
  SCENARIO_SKILLS,
  scenarioPenaltyLabels,
  scenarioSkillLabels,
  type PenaltyScores,
  type RubricLine,
  type ScenarioPenalty,
  type ScenarioSkill,
  type SkillScores,
  type TurnQuality,
} from '../../../shared/contract/scenarios.js';

type RubricKey = ScenarioSkill | ScenarioPenalty;

interface Pattern {
  re: RegExp;
  weight: number;
  /** What the pattern stands for, used when explaining a score. */
  cue: string;
}

/** Sentence-internal gap: anything but sentence-ending punctuation. */
const GAP = '[^。！？!?\\n]';
const FEELINGS =
  '(?:生气|气坏了|委屈|难过|伤心|难受|不好受|担心|害怕|紧张|焦虑|失望|着急|烦躁|心烦|烦|沮丧|孤单|孤独|尴尬|丢脸|没面子|不公平|累|压力(?:很|特别|太)?大|不开心|不舒服|憋屈|羞愧|慌|为难|被冷落|被忽视|冤枉|受伤|不甘心|舍不得|想念|想(?:爸爸|妈妈|他|她)|不被理解|不被信任|害羞|不好意思)';
/** Words that may sit between 你 and the feeling: 你「是不是 / 一定 / 心里 / 有点 / 觉得」委屈. */
const HEDGES = '(?:是不是|好像|可能|一定|肯定|是|心里|会|还|也|又|真的|现在|当时|其实|已经|一直|多少)*';
const DEGREES = '(?:觉得|感到|感觉|有点儿?|有些|挺|很|特别|非常|太|好|那么|这么|被|又)*';
const TIMES =
  '(?:\\d+|[一二三四五六七八九十两半]+)(?:分钟|[个多]*小时|点(?:钟|前|以前|之前|半|以后|后|到))|(?:\\d+|[二三四五六七八九两]|十[一二]?)点|(?:\\d+|[两二三四五六七八九十]+)次';

const p = (source: string, weight: number, cue: string): Pattern => ({ re: new RegExp(source), weight, cue });

/** The lexicon: Chinese phrase patterns per skill and penalty, with their weights. */
export const lexicon: Record<RubricKey, Pattern[]> = {
  listening: [
    p('你是说|你的意思是|你是觉得|你是想说|我听到你说|我听明白了', 60, '复述孩子的话'),
    p('发生了?什么|怎么了|出什么事|怎么回事|遇到什么', 50, '开放式提问'),
    p('(?:能|可以|愿意|想)(?:再)?(?:跟我|和我)?多(?:说|讲|聊)(?:一)?点|说说看|(?:跟|和)我(?:说说|聊聊|讲讲)|讲讲|(?:愿意|想)(?:再)?(?:跟我|和我)(?:说|聊|讲)', 50, '邀请孩子多说'),
    p('我在听|我听着|听你说|听听你|你慢慢说|我不打断你|听你讲|我听到了|我听到你', 50, '表明在听'),
    p('后来呢|然后呢|还有呢|还有什么', 40, '追问'),
    p(`是什么让你|哪(?:一?部分|里|一点|件事)${GAP}{0,4}(?:最|让你)|具体是|比如呢`, 40, '具体化提问'),
  ],
  namingFeelings: [
    p(`(?:你|让你)${HEDGES}${DEGREES}${FEELINGS}`, 60, '说出孩子的感受'),
    p(`是不是${GAP}{0,10}${FEELINGS}`, 50, '猜测孩子的感受'),
    p('听起来你|看起来你|感觉你|我猜你|我看得出(?:来)?你|你的心情|你的感受', 40, '描述孩子的状态'),
    p('我(?:也)?(?:有点|很|真的|挺|其实|是)*(?:担心|着急|难过|心疼|害怕|紧张)', 30, '用“我”说出自己的感受'),
  ],
  empathy: [
    p(`(?:换|如果|要是)(?:作|成)?(?:是)?我(?:是你)?${GAP}{0,6}也`, 60, '换位思考'),
    p('我(?:能|可以|完全|很|挺|也)?(?:理解|明白|懂|尊重)', 50, '表示理解'),
    p('(?:确实|真的|挺|真|太|这)(?:很|挺)?(?:不容易|难受|辛苦)|不容易啊|难为你了|辛苦(?:你)?了', 50, '承认不容易'),
    p('不怪你|不是你的错|不是你不行|不是因为你不好|怪不得|难怪', 40, '不责怪'),
    p('你说得(?:有道理|对)|很有道理', 40, '认可孩子的看法'),
    p('对不起|是我不好|我(?:刚才)?太急了|我(?:以前)?做得不好', 40, '为自己的失误道歉'),
    p('谢谢你(?:愿意|肯|跟我|告诉|说)', 40, '感谢孩子开口'),
    p('我(?:小时候|以前|那会儿|上学时)也', 40, '分享相似经历'),
    p('我(?:会)?(?:一直)?(?:陪着?你|在你身边|站在你这边)|有我在|我们一起面对|我们都在|我(?:随时|一直)(?:都)?在', 50, '表示支持'),
    p('抱抱|抱一下|拥抱', 30, '身体安慰'),
    p(`很正常|很常见|好多人${GAP}{0,4}都会|谁都会`, 30, '把感受正常化'),
  ],
  boundary: [
    p(`(?:不可以|不能|不行|不会同意|不同意)${GAP}{0,24}(?:但|不过|可是)${GAP}{0,8}(?:可以|能|我们)`, 70, '“不可以…，但可以…”'),
    p('规则(?:是|不变)|我们(?:的)?约定|我们约好|说好(?:了)?的|按约定|按照约定|家里的规矩|定下来', 50, '提到约定/规则'),
    p(TIMES, 30, '具体的时间或次数'),
    p('这(?:一条|一点|件事)(?:不变|没得商量|不能让步|我不会让步)|这是底线|底线是', 40, '平静坚持底线'),
    p(`(?:我会|先由我|我先)${GAP}{0,10}(?:收起来|保管|关掉)`, 40, '说明温和的后果'),
    p('安全(?:第一|最重要)|为了(?:你的)?安全', 30, '以安全为界'),
  ],
  problemSolving: [
    p('(?:我们|咱们)一起|一起(?:想想|商量)', 60, '邀请一起想办法'),
    p('你(?:觉得|看|想)(?:我们)?(?:该|可以|要|应该)?怎么(?:办|做|安排|弄|解决|说)|你有什么(?:想法|主意|办法|打算)|你想怎么', 60, '请孩子出主意'),
    p('有什么办法|有没有(?:什么)?办法|什么办法', 50, '寻找办法'),
    p(`下次${GAP}{0,12}(?:试试|可以|怎么)|试试看|先试(?:试)?`, 40, '约定下次试试'),
    p('计划|安排|分成|拆成|列个|清单|定个|时间表', 30, '做计划'),
    p('需要我(?:怎么)?帮|我能帮(?:你)?(?:做)?什么|我可以(?:帮|陪)', 40, '提供帮助'),
  ],
  blame: [
    p('你(?:总是|老是|每次都|每天都|一天到晚|从来(?:都)?不|就知道)', 60, '“你总是…”'),
    p('你怎么(?:又|还|就|老|这么|那么)', 50, '“你怎么又…”'),
    p('都是你|都怪你|(?<!不是)你的错|你自找的|活该|谁让你|还有脸', 60, '归咎于孩子'),
    p(`(?:你看看|看看|学学)(?:人家|别人)|人家${GAP}{0,6}(?:都|就|怎么)|别人家(?:的)?孩子`, 50, '拿别人比较'),
    p('没出息|丢人|笨蛋|傻瓜|傻子|(?:你|真|太)(?:是)?(?:个)?(?:笨|傻|懒|小气)|懒虫|废物|白养|没用的东西|不争气|不懂事|不听话|没良心', 50, '给孩子贴标签'),
    p('怪你(?:爸|妈)|要不是你(?:爸|妈)|你(?:爸|妈)那(?:个|种)人', 60, '在孩子面前指责另一位家长'),
    p('你这孩子', 30, '“你这孩子”'),
  ],
  threat: [
    p(`再${GAP}{0,12}(?:我就|就)`, 60, '“再…就…”'),
    p('(?:不然|否则|要不然)(?:的话)?[，,]?(?:我(?!们)|你|就|看)', 50, '“不然…”'),
    p('打(?:死|断)?你|揍你|抽你|收拾你|挨揍|挨打', 80, '体罚威胁'),
    p(`(?:没收|砸|扔|摔)${GAP}{0,10}(?:永远|一辈子|再也)|永远(?:别|不许|不准|也别)|再也(?:别|不许|不准)|别想(?:碰|玩|要|出|再)|(?:砸|扔|摔)[了掉]?(?:你的)?(?:手机|电脑|平板)|(?:手机|电脑|平板)${GAP}{0,2}(?:砸|扔|摔)`, 60, '极端的惩罚'),
    p('滚|别回来|不要你了|送你(?:去|走)|把你送(?:走|人|回)|别进(?:这个)?家门|别叫我', 80, '情感抛弃'),
    p(`断网|(?:断|扣|停)${GAP}{0,4}零花钱|零花钱${GAP}{0,4}(?:扣|停|没)|取消${GAP}{0,6}(?:旅行|生日)`, 40, '拿惩罚施压'),
    p('你等着|等着瞧|看我怎么', 60, '恐吓'),
  ],
  lecture: [
    p('说(?:过|了)?多少(?:次|遍|回)|讲(?:过|了)多少遍', 60, '“我说过多少次”'),
    p('你(?:就)?应该|你得|你必须|你要知道|你给我', 30, '“你应该…”'),
    p('为了?你(?:好|付出)|对得起', 50, '“为你好”'),
    p('我们那时候|我像你这么大|想当年|我小时候哪有', 50, '“我们那时候…”'),
    p('你知不知道|懂不懂|明不明白|听见没有|听到没有|记住了没有', 40, '质问式说教'),
    p('(?:学生|孩子)(?:的)?(?:本分|任务)(?:就)?是|是你自己的事', 40, '讲大道理'),
    p('早(?:就)?(?:跟你)?说过|早跟你说', 40, '“早跟你说过”'),
  ],
};

/** Long moralising: a long line that keeps telling the child what they should do. */
const MORALISING = /应该|必须|要知道|一定要|不能/g;
const MORALISING_MIN_LENGTH = 60;

export const SKILL_WEIGHTS: SkillScores = { listening: 25, namingFeelings: 25, empathy: 25, boundary: 20, problemSolving: 25 };
export const PENALTY_WEIGHTS: PenaltyScores = { blame: 40, threat: 50, lecture: 30 };
const TURN_BASE = 45;

export interface TurnScore {
  skills: SkillScores;
  penalties: PenaltyScores;
  total: number;
  quality: TurnQuality;
  /** The matched words per skill/penalty (only those that matched). */
  matched: Partial<Record<RubricKey, string[]>>;
}

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

function matchKey(text: string, key: RubricKey): { score: number; words: string[] } {
  let score = 0;
  const found: { at: number; word: string }[] = [];
  for (const pattern of lexicon[key]) {
    const m = pattern.re.exec(text);
    if (m) {
      score += pattern.weight;
      found.push({ at: m.index, word: m[0] });
    }
  }
  // In the order the parent said them, so the explanation reads like the line.
  const words = found.sort((a, b) => a.at - b.at).map((f) => f.word);
  if (key === 'lecture' && text.length >= MORALISING_MIN_LENGTH) {
    const hits = text.match(MORALISING) ?? [];
    if (hits.length >= 2) {
      score += 30;
      words.push(`长篇说教（${hits.join('、')}）`);
    }
  }
  return { score: Math.min(100, score), words };
}

/** Scores one parent line. Pure and deterministic. */
export function scoreLine(text: string): TurnScore {
  const normalised = text.replace(/\s+/g, '');
  const matched: TurnScore['matched'] = {};
  const skills = {} as SkillScores;
  const penalties = {} as PenaltyScores;
  for (const key of SCENARIO_SKILLS) {
    const r = matchKey(normalised, key);
    skills[key] = r.score;
    if (r.words.length) matched[key] = r.words;
  }
  for (const key of SCENARIO_PENALTIES) {
    const r = matchKey(normalised, key);
    penalties[key] = r.score;
    if (r.words.length) matched[key] = r.words;
  }
  const gain = SCENARIO_SKILLS.reduce((sum, s) => sum + (SKILL_WEIGHTS[s] * skills[s]) / 100, 0);
  const loss = SCENARIO_PENALTIES.reduce((sum, k) => sum + (PENALTY_WEIGHTS[k] * penalties[k]) / 100, 0);
  const total = clamp(TURN_BASE + gain - loss);
  return { skills, penalties, total, quality: qualityOf(total, penalties), matched };
}

function qualityOf(total: number, penalties: PenaltyScores): TurnQuality {
  if (total < 35 || penalties.blame >= 50 || penalties.threat >= 50 || penalties.lecture >= 60) return 'poor';
  if (total >= 65 && SCENARIO_PENALTIES.every((k) => penalties[k] < 30)) return 'good';
  return 'fair';
}

/** Examples offered when a skill was missing, so the reason always says what to try. */
const examples: Record<ScenarioSkill, string> = {
  listening: '「发生什么了？」「能多说一点吗？」「你是说……」',
  namingFeelings: '「你很委屈吧」「听起来你很着急」',
  empathy: '「换作是我也会难受」「这确实不容易」',
  boundary: '「这个不可以，但我们可以……」「我们约好的是……」',
  problemSolving: '「我们一起想想办法」「你觉得怎么办好？」',
};

const quote = (words: string[]) => words.map((w) => `「${w}」`).join('');

/** The per-skill and per-penalty explanation of a scored line: score plus the exact words that caused it. */
export function explain(score: Pick<TurnScore, 'skills' | 'penalties' | 'matched'>): { skills: RubricLine[]; penalties: RubricLine[] } {
  const skills = SCENARIO_SKILLS.map((key): RubricLine => {
    const words = score.matched[key] ?? [];
    const label = scenarioSkillLabels[key];
    return {
      key,
      label,
      kind: 'skill',
      score: score.skills[key],
      matched: words,
      reason: words.length
        ? `${label} ${score.skills[key]} 分：用到了${quote(words)}（${cuesOf(key, words)}）。`
        : `${label} 0 分：这句话里没有用到，可以试试${examples[key]}。`,
    };
  });
  const penalties = SCENARIO_PENALTIES.map((key): RubricLine => {
    const words = score.matched[key] ?? [];
    const label = scenarioPenaltyLabels[key];
    return {
      key,
      label,
      kind: 'penalty',
      score: score.penalties[key],
      matched: words,
      reason: words.length
        ? `${label} 扣分 ${score.penalties[key]}：出现了${quote(words)}（${cuesOf(key, words)}），孩子听到这类话容易关上心门。`
        : `没有${label}。`,
    };
  });
  return { skills, penalties };
}

/** The cue names of the patterns that produced `words`, e.g. "复述孩子的话、开放式提问". */
function cuesOf(key: RubricKey, words: string[]): string {
  const cues = words.map((w) =>
    w.startsWith('长篇说教') ? '长篇说教' : (lexicon[key].find((pattern) => pattern.re.test(w))?.cue ?? ''),
  );
  return [...new Set(cues.filter(Boolean))].join('、');
}

/** A one-sentence tip for the line: fix the worst harm first, otherwise add the missing focus skill. */
export function tipFor(score: TurnScore, focus: readonly ScenarioSkill[]): string {
  // The strongest harm first; on a tie the more damaging one (threat, then blame, then lecture).
  const harm = (['threat', 'blame', 'lecture'] as const)
    .filter((k) => score.penalties[k] > 0)
    .sort((a, b) => score.penalties[b] - score.penalties[a])[0];
  if (harm === 'threat') return '先放下威胁：孩子害怕时只会顶回来或躲起来，换成平静的规则和可以做到的后果。';
  if (harm === 'blame') return '少说“你总是/你怎么又”，先描述看到的事情，再问孩子发生了什么。';
  if (harm === 'lecture') return '道理先放一放，孩子情绪上来时听不进去；先听他说完，再一起商量。';
  const missing = focus.find((s) => score.skills[s] === 0);
  if (missing) return `这一步还可以加上「${scenarioSkillLabels[missing]}」，比如${examples[missing]}。`;
  if (score.quality === 'good') return '很好：孩子感到被听见了，接下来可以一起商量具体怎么做。';
  return `再多一点倾听和共情，比如${examples.listening}。`;
}

/** Summary of one turn's strengths or problems, for the best/worst turn of a report. */
export function describeTurn(score: Pick<TurnScore, 'skills' | 'penalties' | 'matched' | 'total'>, as: 'best' | 'worst'): string {
  const harms = SCENARIO_PENALTIES.filter((k) => score.penalties[k] > 0).map(
    (k) => `${scenarioPenaltyLabels[k]}${quote(score.matched[k] ?? [])}`,
  );
  const strengths = SCENARIO_SKILLS.filter((k) => score.skills[k] > 0).map(
    (k) => `${scenarioSkillLabels[k]}${quote(score.matched[k] ?? [])}`,
  );
  if (as === 'best') {
    if (strengths.length) return `这一句得分 ${score.total}：用到了${strengths.join('、')}${harms.length ? `，但也带有${harms.join('、')}` : ''}。`;
    return `这一句得分 ${score.total}：语气比较平和${harms.length ? `，但带有${harms.join('、')}` : '，但还没有用到倾听、共情等技巧'}。`;
  }
  if (harms.length) return `这一句得分 ${score.total}：出现了${harms.join('、')}，孩子容易因此对抗或沉默。`;
  if (strengths.length) return `这一句得分 ${score.total}：用到了${strengths.join('、')}，但比其他几步少了些倾听或共情。`;
  return `这一句得分 ${score.total}：没有指责，但也没有倾听、说出感受或一起想办法，孩子不容易打开心扉。`;
}

export interface SessionScore {
  skills: SkillScores;
  penalties: PenaltyScores;
  total: number;
  /** How many turns showed each skill / penalty at all. */
  observed: Record<RubricKey, number>;
}

/** Combines a session's turn scores (see the formula at the top of this file). */
export function scoreSession(turns: Pick<TurnScore, 'skills' | 'penalties'>[], focus: readonly ScenarioSkill[]): SessionScore {
  const n = Math.max(1, turns.length);
  const skills = {} as SkillScores;
  const penalties = {} as PenaltyScores;
  const observed = {} as Record<RubricKey, number>;
  for (const s of SCENARIO_SKILLS) {
    const values = turns.map((t) => t.skills[s]);
    const max = values.length ? Math.max(...values) : 0;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    skills[s] = clamp(0.6 * max + 0.4 * mean);
    observed[s] = values.filter((v) => v > 0).length;
  }
  for (const k of SCENARIO_PENALTIES) {
    const values = turns.map((t) => t.penalties[k]);
    penalties[k] = clamp(values.reduce((a, b) => a + b, 0) / n);
    observed[k] = values.filter((v) => v > 0).length;
  }
  const weightOf = (s: ScenarioSkill) => (focus.includes(s) ? 2 : 1);
  const weightSum = SCENARIO_SKILLS.reduce((sum, s) => sum + weightOf(s), 0);
  const mean = SCENARIO_SKILLS.reduce((sum, s) => sum + weightOf(s) * skills[s], 0) / weightSum;
  const loss = SCENARIO_PENALTIES.reduce((sum, k) => sum + (PENALTY_WEIGHTS[k] * penalties[k]) / 100, 0);
  return { skills, penalties, total: clamp(mean - loss), observed };
}
