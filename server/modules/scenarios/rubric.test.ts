import { describe, expect, it } from 'vitest';
import { AGE_BANDS, type AgeBand } from '../../../shared/contract/domain.js';
import { CHILD_MOODS, SCENARIO_SKILLS } from '../../../shared/contract/scenarios.js';
import { SCENARIOS } from './data/index.js';
import { defineScenario, ending, fair, good, parentTurnRange, poor, step } from './data/types.js';
import { cleanReply } from './roleplay.js';
import { describeTurn, explain, scoreLine, scoreSession, tipFor } from './rubric.js';

const empathetic = '听起来你很委屈，换作是我也会难受。发生什么事了？我们一起想想办法。';
const blamingThreat = '你怎么又这样？你总是拖拖拉拉，再不写完我就打你！';

describe('rubric: one parent line', () => {
  it('scores an empathetic, problem-solving line high and names the words that earned it', () => {
    const s = scoreLine(empathetic);
    expect(s.skills).toEqual({ listening: 50, namingFeelings: 100, empathy: 60, boundary: 0, problemSolving: 60 });
    expect(s.penalties).toEqual({ blame: 0, threat: 0, lecture: 0 });
    // 45 + 25·0.5 + 25·1 + 25·0.6 + 0 + 25·0.6 = 112.5 → clamped to 100
    expect(s.total).toBe(100);
    // One technique only: 45 + 25·1 = 70.
    expect(scoreLine('发生什么事了？你愿意跟我说说吗？')).toMatchObject({ total: 70, quality: 'good' });
    expect(s.quality).toBe('good');
    const { skills } = explain(s);
    expect(skills.find((l) => l.key === 'namingFeelings')!.reason).toBe(
      '说出感受 100 分：用到了「听起来你」「你很委屈」（描述孩子的状态、说出孩子的感受）。',
    );
    expect(skills.find((l) => l.key === 'boundary')!.reason).toBe(
      '清晰边界 0 分：这句话里没有用到，可以试试「这个不可以，但我们可以……」「我们约好的是……」。',
    );
  });

  it('scores a blaming, threatening line low, with the penalty words quoted', () => {
    const s = scoreLine(blamingThreat);
    expect(s.penalties).toEqual({ blame: 100, threat: 100, lecture: 0 });
    expect(s.total).toBe(0);
    expect(s.quality).toBe('poor');
    expect(s.total).toBeLessThan(scoreLine(empathetic).total);
    const threat = explain(s).penalties.find((l) => l.key === 'threat')!;
    expect(threat.matched).toEqual(['再不写完我就', '打你']);
    expect(threat.reason).toBe('威胁 扣分 100：出现了「再不写完我就」「打你」（“再…就…”、体罚威胁），孩子听到这类话容易关上心门。');
    expect(tipFor(s, ['boundary'])).toBe('先放下威胁：孩子害怕时只会顶回来或躲起来，换成平静的规则和可以做到的后果。');
    expect(describeTurn(s, 'worst')).toBe('这一句得分 0：出现了指责「你怎么又」「你总是」、威胁「再不写完我就」「打你」，孩子容易因此对抗或沉默。');
  });

  it('rates a calm line with no technique as fair, and a firm boundary with an alternative as good', () => {
    expect(scoreLine('好了好了，快去写作业吧。')).toMatchObject({ total: 45, quality: 'fair' });
    const limit = scoreLine('手机不可以带进卧室，但我们可以一起定个时间表，规则是九点前交给我。');
    expect(limit.skills.boundary).toBe(100);
    expect(limit.quality).toBe('good');
  });

  it('does not mistake reassurance for blame, or a dismissal for naming a feeling', () => {
    expect(scoreLine('这不是你的错。').penalties.blame).toBe(0);
    expect(scoreLine('你别难过了。').skills.namingFeelings).toBe(0);
    expect(scoreLine('多说一点好吗？').skills.boundary).toBe(0);
  });

  it('counts long moralising as lecture even without a stock phrase', () => {
    const s = scoreLine('学习这件事情一定要靠自己，上课一定要认真听讲，作业必须按时完成，不能拖到最后，我们做父母的也不能天天盯着你，这些道理难道还要别人讲吗');
    expect(s.matched.lecture?.[0]).toMatch(/^长篇说教/);
    expect(s.penalties.lecture).toBe(30);
  });
});

describe('rubric: a whole session', () => {
  it('weighs the focus skills double, rewards a skill shown well once, and subtracts the mean penalties', () => {
    const turns = [scoreLine(empathetic), scoreLine('好的。'), scoreLine(blamingThreat)];
    const s = scoreSession(turns, ['listening', 'namingFeelings']);
    // listening: 0.6·50 + 0.4·(50/3) = 36.7 → 37; namingFeelings: 0.6·100 + 0.4·33.3 = 73.3 → 73 …
    expect(s.skills).toEqual({ listening: 37, namingFeelings: 73, empathy: 44, boundary: 0, problemSolving: 44 });
    expect(s.penalties).toEqual({ blame: 33, threat: 33, lecture: 0 });
    expect(s.observed).toMatchObject({ listening: 1, boundary: 0, blame: 1 });
    // (2·37 + 2·73 + 44 + 0 + 44) / 7 = 44; − 0.4·33 − 0.5·33 = 14.3 → 14
    expect(s.total).toBe(14);
  });

  it('gives 0 for a skill never shown and never goes below 0 or above 100', () => {
    expect(scoreSession([scoreLine(blamingThreat)], ['boundary']).total).toBe(0);
    expect(scoreSession([scoreLine(empathetic)], []).skills.boundary).toBe(0);
    expect(scoreSession([], []).total).toBe(0);
  });
});

describe('the written scenarios', () => {
  it('has at least 12 scenarios with unique slugs, valid age bands and a persona', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(SCENARIOS.map((s) => s.slug)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) {
      expect(s.ageBands.length).toBeGreaterThan(0);
      for (const band of s.ageBands) expect(AGE_BANDS).toContain(band satisfies AgeBand);
      for (const skill of s.skillsFocus) expect(SCENARIO_SKILLS).toContain(skill);
      expect(s.persona.name).not.toBe('');
      expect(s.persona.avatar).toMatch(/\p{Extended_Pictographic}/u);
    }
  });

  it('every dialogue is 4–7 parent turns deep on every path, with three answers per step', () => {
    for (const s of SCENARIOS) {
      const range = parentTurnRange(s);
      expect(range.min, s.slug).toBeGreaterThanOrEqual(4);
      expect(range.max, s.slug).toBeLessThanOrEqual(7);
      const ids = new Set<string>();
      for (const node of Object.values(s.nodes)) {
        expect(CHILD_MOODS).toContain(node.childMood);
        if (node.end) continue;
        expect(node.choices.map((c) => c.quality).sort(), `${s.slug}/${node.id}`).toEqual(['fair', 'good', 'poor']);
        for (const c of node.choices) {
          expect(ids.has(c.id)).toBe(false);
          ids.add(c.id);
          expect(c.note.length).toBeGreaterThan(5);
        }
      }
    }
  });

  it('the rubric agrees with the authors on every written answer (good > fair > poor)', () => {
    const disagreements: string[] = [];
    for (const s of SCENARIOS) {
      for (const node of Object.values(s.nodes)) {
        const totals = Object.fromEntries(node.choices.map((c) => [c.quality, scoreLine(c.text).total]));
        for (const c of node.choices) {
          const scored = scoreLine(c.text).quality;
          if (scored !== c.quality) disagreements.push(`${s.slug}/${c.id}: written ${c.quality}, scored ${scored}`);
        }
        if (!node.end) expect(totals.good! > totals.fair! && totals.fair! > totals.poor!, `${s.slug}/${node.id}`).toBe(true);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('good answers lead to the softer branch and poor ones never to a better ending than good ones', () => {
    for (const s of SCENARIOS) {
      const start = s.nodes[s.start]!;
      const next = (q: 'good' | 'poor') => start.choices.find((c) => c.quality === q)!.next;
      expect(next('good'), s.slug).not.toBe(next('poor'));
      expect(start.freeTextNext.good).toBe(next('good'));
      expect(start.freeTextNext.poor).toBe(next('poor'));
    }
  });

  it('refuses a scenario whose graph is broken', () => {
    const base = {
      slug: 'broken',
      title: 't',
      summary: 's',
      intro: 'i',
      setting: 's',
      ageBands: ['junior' as const],
      skillsFocus: [],
      difficulty: 'easy' as const,
      persona: { name: 'x', age: 10, avatar: '🙂', temperament: 't' },
      start: 'a',
    };
    expect(() =>
      defineScenario({ ...base, nodes: [step('a', 'calm', '…', [good('g', 'nowhere', 'n'), fair('f', 'e', 'n'), poor('p', 'e', 'n')]), ending('e', 'calm', '…', 'fair', 's')] }),
    ).toThrow('scenario broken: node a leads to missing node nowhere');
    expect(() =>
      defineScenario({ ...base, nodes: [step('a', 'calm', '…', [good('g', 'e', 'n'), good('g2', 'e', 'n'), poor('p', 'e', 'n')]), ending('e', 'calm', '…', 'fair', 's')] }),
    ).toThrow('scenario broken: node a needs exactly one good, one fair and one poor answer');
  });
});

describe('cleaning a model reply into the child’s line', () => {
  it('keeps at most two sentences of plain text, without name prefix, quotes or markup', () => {
    expect(cleanReply('小宇：“我不想写了！你别管我。反正也写不完。”', '小宇')).toBe('我不想写了！你别管我。');
    expect(cleanReply('<b>哼</b>\n我才不要', '小宇')).toBe('b 哼 /b 我才不要');
    expect(cleanReply('   ', '小宇')).toBe('');
    expect(cleanReply('好'.repeat(200), '小宇')).toHaveLength(80);
  });
});
