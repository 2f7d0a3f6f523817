import type { FastifyInstance, InjectOptions } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../shared/demo.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { DatabaseHandle } from '../../db/client.js';
import { scenarioSessions } from '../../db/schema.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { openTestDatabase } from '../../test/database.js';
import { startFakeLlm, type FakeLlm } from '../llm/fake-server.js';
import homework from './data/homework-dawdling.js';
import type { Scenario } from './data/types.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const SLUG = homework.slug;

/** The written choice of `quality` at `nodeId` — the test plays the parent. */
function choiceOf(scenario: Scenario, nodeId: string, quality: 'good' | 'fair' | 'poor') {
  return scenario.nodes[nodeId]!.choices.find((c) => c.quality === quality)!;
}

async function start(cookie: string, slug = SLUG) {
  const res = await ctx.as(cookie, { method: 'POST', url: `/api/v1/scenarios/${slug}/sessions` });
  expect(res.statusCode).toBe(201);
  return res.json();
}

function answer(cookie: string, sessionId: string, payload: InjectOptions['payload']) {
  return ctx.as(cookie, { method: 'POST', url: `/api/v1/scenario-sessions/${sessionId}/turns`, payload });
}

/** Plays one whole session by written choices of the given qualities; returns the last answer's body. */
async function play(cookie: string, qualities: ('good' | 'fair' | 'poor')[]) {
  const session = await start(cookie);
  let nodeId: string = session.current.nodeId;
  let last;
  for (const q of qualities) {
    const res = await answer(cookie, session.id, { choiceId: choiceOf(homework, nodeId, q).id });
    expect(res.statusCode).toBe(200);
    last = res.json();
    nodeId = last.session.current?.nodeId;
  }
  return { sessionId: session.id as string, last };
}

describe('情景训练: the catalogue', () => {
  it('answers 401 to an anonymous caller', async () => {
    for (const url of ['/api/v1/scenarios', '/api/v1/scenarios/progress', `/api/v1/scenarios/${SLUG}`]) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe('请先登录');
    }
    const post = await ctx.app.inject({ method: 'POST', url: `/api/v1/scenarios/${SLUG}/sessions` });
    expect(post.statusCode).toBe(401);
  });

  it('lists at least 12 scenarios with persona, focus and my record', async () => {
    const parent = await ctx.login('parent1');
    const res = await ctx.as(parent, { method: 'GET', url: '/api/v1/scenarios' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.length).toBeGreaterThanOrEqual(12);
    const titles = items.map((s: { title: string }) => s.title).join();
    for (const word of ['作业', '手机', '中考', '顶嘴', '没人跟我玩', '试卷', '弟弟', '三小时', '排名', '肚子疼', '哥哥', '不乖']) {
      expect(titles).toContain(word);
    }
    expect(items[0]).toMatchObject({
      slug: SLUG,
      persona: { name: '小宇', age: 9, avatar: '👦' },
      ageBands: ['primaryLower', 'primaryUpper'],
      skillsFocus: ['boundary', 'problemSolving'],
      difficulty: 'easy',
      mine: { bestTotal: null, finishedSessions: 0, activeSessionId: null },
    });
    expect(items[0]).not.toHaveProperty('nodes');
  });

  it('shows a scenario’s intro, setting, persona and depth; unknown or malformed slugs are refused', async () => {
    const parent = await ctx.login('parent1');
    const res = await ctx.as(parent, { method: 'GET', url: `/api/v1/scenarios/${SLUG}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      intro: homework.intro,
      setting: homework.setting,
      persona: homework.persona,
      parentTurns: { min: 4, max: 4 },
    });
    const missing = await ctx.as(parent, { method: 'GET', url: '/api/v1/scenarios/no-such-thing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('训练情景不存在或您无权访问');
    const bad = await ctx.as(parent, { method: 'POST', url: '/api/v1/scenarios/BAD_slug!/sessions' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toBe('请求参数不符合要求：params.slug 情景编号只能包含小写字母、数字和连字符');
  });
});

describe('情景训练: a rehearsal from start to report', () => {
  it('starts, answers by choice and by free text, reaches an ending and reports per skill', async () => {
    const parent = await ctx.login('parent1');
    const session = await start(parent);
    expect(session).toMatchObject({
      status: 'active',
      opening: { line: homework.nodes.start!.childLine, mood: 'defensive', moodLabel: '戒备', source: 'script' },
      current: { nodeId: 'start', childLine: homework.nodes.start!.childLine, allowFreeText: true, freeTextMaxLength: 500 },
      ending: null,
      turns: [],
    });
    expect(session.current.choices).toHaveLength(3);
    expect(session.current.choices[0]).toEqual({ id: 'start-1', text: homework.nodes.start!.choices[0]!.text });

    // 1. The good written choice → the softer branch.
    const good = choiceOf(homework, 'start', 'good');
    const r1 = await answer(parent, session.id, { choiceId: good.id, nodeId: 'start' });
    expect(r1.statusCode).toBe(200);
    const b1 = r1.json();
    expect(b1.feedback).toMatchObject({ index: 0, mode: 'choice', parentLine: good.text, quality: 'good', qualityLabel: '很好', betterLine: null });
    expect(b1.feedback.childReply).toEqual({ line: homework.nodes.open2!.childLine, mood: 'anxious', moodLabel: '焦虑', source: 'script' });
    expect(b1.feedback.skills.find((s: { key: string }) => s.key === 'problemSolving')).toMatchObject({ score: 60, matched: ['我们一起'] });
    expect(b1.session.current).toMatchObject({ nodeId: 'open2', childLine: homework.nodes.open2!.childLine });
    expect(b1.report).toBeNull();

    // 2. Free text, scored offline: a good typed line also leads to the softer branch.
    const typed = '你是说题目读不懂，又怕写不完，心里很着急吧？我们一起先把要做的列个清单。';
    const r2 = await answer(parent, session.id, { text: `  ${typed}  ` });
    expect(r2.statusCode).toBe(200);
    const b2 = r2.json();
    expect(b2.feedback).toMatchObject({ index: 1, mode: 'text', parentLine: typed, quality: 'good' });
    expect(b2.feedback.skills.find((s: { key: string }) => s.key === 'listening').reason).toBe(
      '倾听 60 分：用到了「你是说」（复述孩子的话）。',
    );
    expect(b2.feedback.betterLine).toBe(choiceOf(homework, 'open2', 'good').text);
    expect(b2.feedback.childReply).toMatchObject({ line: homework.nodes.open3!.childLine, source: 'script' });
    expect(b2.session.current.nodeId).toBe('open3');

    // 3. A poor written choice → the escalated branch, with the penalty explained.
    const harsh = choiceOf(homework, 'open3', 'poor');
    const b3 = (await answer(parent, session.id, { choiceId: harsh.id })).json();
    expect(b3.feedback).toMatchObject({ quality: 'poor', qualityLabel: '需要改进', betterLine: choiceOf(homework, 'open3', 'good').text });
    expect(b3.feedback.penalties.find((p: { key: string }) => p.key === 'blame')).toMatchObject({ score: 100, matched: ['你每次都', '没出息'] });
    expect(b3.feedback.tip).toBe('少说“你总是/你怎么又”，先描述看到的事情，再问孩子发生了什么。');
    expect(b3.session.current).toMatchObject({ nodeId: 'tense4', mood: 'defensive' });

    // 4. A good answer on the tense branch repairs it part-way: the mixed ending, and the report comes back.
    const repair = choiceOf(homework, 'tense4', 'good');
    const b4 = (await answer(parent, session.id, { choiceId: repair.id })).json();
    expect(b4.session).toMatchObject({ status: 'finished', current: null });
    expect(b4.session.ending).toEqual({ outcome: 'fair', summary: homework.nodes['end-mixed']!.ending!.summary, total: b4.report.total });
    expect(b4.feedback.childReply.line).toBe(homework.nodes['end-mixed']!.childLine);
    expect(b4.session.turns).toHaveLength(4);

    const report = await ctx.as(parent, { method: 'GET', url: `/api/v1/scenario-sessions/${session.id}/report` });
    expect(report.statusCode).toBe(200);
    const r = report.json();
    expect(r).toEqual(b4.report);
    expect(r.skills.map((s: { skill: string }) => s.skill)).toEqual(['listening', 'namingFeelings', 'empathy', 'boundary', 'problemSolving']);
    for (const s of r.skills) expect(s.score).toBeGreaterThanOrEqual(0);
    expect(r.skills.find((s: { skill: string }) => s.skill === 'boundary')).toMatchObject({ score: 0, observedTurns: 0, focus: true });
    expect(r.skills.find((s: { skill: string }) => s.skill === 'problemSolving')).toMatchObject({ observedTurns: 3, focus: true });
    expect(r.penalties.find((p: { penalty: string }) => p.penalty === 'blame')).toMatchObject({ score: 25, observedTurns: 1 });
    expect(r.total).toBeGreaterThan(0);
    expect(r.total).toBeLessThan(100);
    expect(r.worstTurn).toMatchObject({
      index: 2,
      parentLine: harsh.text,
      childLine: homework.nodes.open3!.childLine,
      betterLine: choiceOf(homework, 'open3', 'good').text,
      reason: '这一句得分 5：出现了指责「你每次都」「没出息」，孩子容易因此对抗或沉默。',
    });
    expect(r.bestTurn.index).not.toBe(2);
    expect(r.bestTurn.reason).toMatch(/^这一句得分 \d+：用到了/);
    expect(r.bestTurn.betterLine).toBe(choiceOf(homework, r.bestTurn.index === 1 ? 'open2' : r.bestTurn.index === 0 ? 'start' : 'tense4', 'good').text);
    expect(r.comparison).toEqual({
      previousSessions: 0,
      previousBest: null,
      previousLatest: null,
      change: null,
      skillChanges: null,
      message: '这是你第一次完成这个情景。再练一次，试试把“最需改进的一句”换个说法。',
    });

    // The finished session reads back the same; answering it again is a conflict.
    const read = await ctx.as(parent, { method: 'GET', url: `/api/v1/scenario-sessions/${session.id}` });
    expect(read.json()).toEqual(b4.session);
    const again = await answer(parent, session.id, { text: '我们一起想想办法吧。' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('这次练习已经结束，请查看报告或重新开始');
  });

  it('a blaming, threatening typed line scores lower than an empathetic one and escalates the child', async () => {
    const parent = await ctx.login('parent1');
    const a = await start(parent);
    const b = await start(parent);
    const harsh = (await answer(parent, a.id, { text: '你怎么又磨蹭？再不写完我就把平板砸了！' })).json();
    const kind = (await answer(parent, b.id, { text: '这道题让你很烦吧？跟我说说卡在哪，我们一起想想办法。' })).json();
    expect(harsh.feedback).toMatchObject({ total: 0, quality: 'poor' });
    expect(harsh.feedback.penalties.find((p: { key: string }) => p.key === 'threat').matched).toEqual(['再不写完我就', '平板砸']);
    // 45 + 25·0.6 (让你很烦) + 25·0.5 (跟我说说) + 25·0.6 (我们一起) = 87.5
    expect(kind.feedback.total).toBe(88);
    expect(kind.feedback.quality).toBe('good');
    expect(harsh.session.current.nodeId).toBe('tense2');
    expect(harsh.session.current.mood).toBe('angry');
    expect(kind.session.current.nodeId).toBe('open2');
  });

  it('any signed-in user may rehearse, including a teacher', async () => {
    const teacher = await ctx.login('teacher1');
    const session = await start(teacher, 'talking-back');
    expect(session.scenario.persona.name).toBe('子涵');
  });
});

describe('情景训练: ownership and bad input', () => {
  it('another user’s session answers 404, exactly like a missing one', async () => {
    const owner = await ctx.login('parent1');
    const other = await ctx.login('parent2');
    const session = await start(owner);
    for (const req of [
      { method: 'GET' as const, url: `/api/v1/scenario-sessions/${session.id}` },
      { method: 'GET' as const, url: `/api/v1/scenario-sessions/${session.id}/report` },
      { method: 'POST' as const, url: `/api/v1/scenario-sessions/${session.id}/turns`, payload: { choiceId: 'start-1' } },
      { method: 'GET' as const, url: '/api/v1/scenario-sessions/00000000-0000-4000-8000-000000000000' },
    ]) {
      const res = await ctx.as(other, req);
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toBe('练习记录不存在或您无权访问');
    }
    const [row] = await ctx.db.select().from(scenarioSessions).where(eq(scenarioSessions.id, session.id));
    expect(row!.turns).toEqual([]);
    const unauth = await ctx.app.inject({ method: 'GET', url: `/api/v1/scenario-sessions/${session.id}` });
    expect(unauth.statusCode).toBe(401);
  });

  it('refuses both, neither, an unknown choice, too long, markup and malformed ids, in Chinese', async () => {
    const parent = await ctx.login('parent1');
    const session = await start(parent);
    const cases: [InjectOptions['payload'], number, string][] = [
      [{ choiceId: 'start-1', text: '我们一起想想' }, 400, '请求参数不符合要求：body 请选择一个选项或输入自己的话，两者只能选其一'],
      [{}, 400, '请求参数不符合要求：body 请选择一个选项或输入自己的话，两者只能选其一'],
      [{ choiceId: 'nope' }, 400, '没有这个选项，请从当前给出的选项中选择'],
      [{ choiceId: 'open2-1' }, 400, '没有这个选项，请从当前给出的选项中选择'],
      [{ text: '好'.repeat(501) }, 400, '请求参数不符合要求：body.text 回答内容不能超过 500 个字符'],
      [{ text: '<script>alert(1)</script>' }, 400, '请求参数不符合要求：body.text 回答内容不能包含 < 或 > 字符'],
      [{ text: '   ' }, 400, '请求参数不符合要求：body.text 回答内容不能为空'],
      [{ text: '好', extra: 1 }, 400, '请求参数不符合要求：body 出现未知的键(key): "extra"'],
    ];
    for (const [payload, status, detail] of cases) {
      const res = await answer(parent, session.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().detail).toBe(detail);
    }
    const unknown = await answer(parent, session.id, { choiceId: 'nope' });
    expect(unknown.json().errors).toEqual([{ path: 'body.choiceId', message: '没有这个选项，请从当前给出的选项中选择' }]);
    expect((await answer(parent, session.id, { text: '好'.repeat(500) })).statusCode).toBe(200);

    const badId = await ctx.as(parent, { method: 'GET', url: '/api/v1/scenario-sessions/not-a-uuid' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().detail).toBe('请求参数不符合要求：params.sessionId 练习编号格式不正确');

    const early = await ctx.as(parent, { method: 'GET', url: `/api/v1/scenario-sessions/${session.id}/report` });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('练习还没有完成，完成后才能查看报告');
  });

  it('two simultaneous answers to the same step: exactly one applies, the other gets 409', async () => {
    const parent = await ctx.login('parent1');
    const session = await start(parent);
    const choiceId = choiceOf(homework, 'start', 'good').id;
    const results = await Promise.all([answer(parent, session.id, { choiceId }), answer(parent, session.id, { choiceId })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().detail).toBe('这一步已经回答过了，请刷新后继续');

    // Typed answers race the same way; a stale step id is refused rather than applied to the next step.
    const typed = await Promise.all(
      ['我在听，你慢慢说。', '发生什么了？'].map((text) => answer(parent, session.id, { text, nodeId: 'open2' })),
    );
    expect(typed.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const stale = await answer(parent, session.id, { choiceId, nodeId: 'start' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toBe('这一步已经回答过了，请刷新后继续');
    // An old page re-sending an earlier step's choice without a step id is recognised as stale too.
    const replay = await answer(parent, session.id, { choiceId });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().detail).toBe('这一步已经回答过了，请刷新后继续');

    const [row] = await ctx.db.select().from(scenarioSessions).where(eq(scenarioSessions.id, session.id));
    expect(row!.turns).toHaveLength(2);
  });
});

describe('情景训练: progress across sessions', () => {
  it('compares a second attempt with the first and charts both', async () => {
    const parent = await ctx.login('parent2');
    const empty = await ctx.as(parent, { method: 'GET', url: '/api/v1/scenarios/progress' });
    expect(empty.json()).toEqual({ finishedSessions: 0, scenariosTried: 0, skillAverages: null, items: [] });

    const first = await play(parent, ['poor', 'poor', 'poor', 'poor']);
    expect(first.last.session.ending.outcome).toBe('poor');
    const second = await play(parent, ['good', 'good', 'good', 'good']);
    expect(second.last.session.ending.outcome).toBe('good');
    const [t1, t2] = [first.last.report.total as number, second.last.report.total as number];
    expect(t2).toBeGreaterThan(t1);

    const report = second.last.report;
    expect(report.comparison).toMatchObject({ previousSessions: 1, previousBest: t1, previousLatest: t1, change: t2 - t1 });
    expect(report.comparison.skillChanges.problemSolving).toBeGreaterThan(0);
    expect(report.comparison.message).toMatch(new RegExp(`^比上次提高了 ${t2 - t1} 分，“.+”进步最大（\\+\\d+），创造了这个情景的最好成绩。$`));
    // The first report does not change when read later.
    const firstAgain = await ctx.as(parent, { method: 'GET', url: `/api/v1/scenario-sessions/${first.sessionId}/report` });
    expect(firstAgain.json().comparison.previousSessions).toBe(0);

    await start(parent); // an unfinished attempt counts as an attempt, not in the chart
    const res = await ctx.as(parent, { method: 'GET', url: '/api/v1/scenarios/progress' });
    expect(res.statusCode).toBe(200);
    const progress = res.json();
    expect(progress).toMatchObject({ finishedSessions: 2, scenariosTried: 1 });
    const item = progress.items[0];
    expect(item).toMatchObject({ slug: SLUG, avatar: '👦', attempts: 3, finishedSessions: 2, best: t2, latest: t2 });
    expect(item.history.map((h: { total: number }) => h.total)).toEqual([t1, t2]);
    expect(item.history[0].sessionId).toBe(first.sessionId);
    expect(Date.parse(item.history[1].finishedAt)).toBeGreaterThanOrEqual(Date.parse(item.history[0].finishedAt));
    for (const skill of ['listening', 'namingFeelings', 'empathy', 'boundary', 'problemSolving'] as const) {
      expect(item.skillAverages[skill]).toBe(Math.round((item.history[0].skills[skill] + item.history[1].skills[skill]) / 2));
    }
    expect(progress.skillAverages).toEqual(item.skillAverages);

    const list = (await ctx.as(parent, { method: 'GET', url: '/api/v1/scenarios' })).json();
    expect(list.items.find((s: { slug: string }) => s.slug === SLUG).mine).toMatchObject({ bestTotal: t2, finishedSessions: 2, activeSessionId: expect.any(String) });
  });
});

describe('情景训练: the child voiced by a language model', () => {
  let fake: FakeLlm;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let cookie: string;

  beforeAll(async () => {
    fake = await startFakeLlm();
    handle = await openTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: '/x',
      LLM_BASE_URL: fake.url,
      LLM_MODEL: 'fake',
      LLM_TIMEOUT_MS: '800',
    });
    app = await buildApp({ db: handle.db, config }, { logger: false, serveWeb: false });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'parent1', password: DEMO_PASSWORD } });
    cookie = `gy_session=${login.cookies.find((c) => c.name === 'gy_session')!.value}`;
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
    await fake.close();
  });

  const post = (url: string, payload?: InjectOptions['payload']) =>
    app.inject({ method: 'POST', url, payload, headers: { cookie } });

  it('voices the child after a typed answer; branching and scoring stay offline', async () => {
    const session = (await post(`/api/v1/scenarios/${SLUG}/sessions`)).json();
    fake.mode = 'ok';
    fake.reply = '小宇：“我就是不会嘛……那你能陪我看看吗？”';
    const typed = '这道题让你很烦吧？跟我说说卡在哪，我们一起想想办法。';
    const res = await post(`/api/v1/scenario-sessions/${session.id}/turns`, { text: typed });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.feedback.childReply).toEqual({ line: '我就是不会嘛……那你能陪我看看吗？', mood: 'anxious', moodLabel: '焦虑', source: 'llm' });
    expect(body.feedback).toMatchObject({ total: 88, quality: 'good' });
    expect(body.session.current).toMatchObject({ nodeId: 'open2', childLine: '我就是不会嘛……那你能陪我看看吗？' });

    const sent = fake.lastRequest!;
    expect(sent.model).toBe('fake');
    expect(sent.messages[0]!.role).toBe('system');
    expect(sent.messages[0]!.content).toContain('扮演孩子“小宇”，9 岁');
    expect(sent.messages[0]!.content).toContain('你此刻的情绪是“焦虑”');
    expect(sent.messages[0]!.content).toContain('不超过两句');
    expect(sent.messages[0]!.content).toContain('绝不给家长任何建议');
    expect(sent.messages.slice(1)).toEqual([
      { role: 'assistant', content: homework.nodes.start!.childLine },
      { role: 'user', content: typed },
    ]);

    // A written choice uses the script and does not call the model.
    fake.lastRequest = null;
    const chosen = await post(`/api/v1/scenario-sessions/${session.id}/turns`, { choiceId: choiceOf(homework, 'open2', 'good').id });
    expect(chosen.json().feedback.childReply).toMatchObject({ line: homework.nodes.open3!.childLine, source: 'script' });
    expect(fake.lastRequest).toBeNull();

    // The model's line is part of the history it sees next time, and of the stored turn.
    fake.reply = '嗯，好吧。';
    await post(`/api/v1/scenario-sessions/${session.id}/turns`, { text: '谢谢你愿意告诉我实话，我们一起看看例题。' });
    expect(fake.lastRequest!.messages.slice(1, 3)).toEqual([
      { role: 'assistant', content: homework.nodes.start!.childLine },
      { role: 'user', content: typed },
    ]);
    expect(fake.lastRequest!.messages[3]).toEqual({ role: 'assistant', content: '我就是不会嘛……那你能陪我看看吗？' });
  });

  for (const mode of ['error', 'stall', 'garbage'] as const) {
    it(`falls back to the scripted line when the model ${mode === 'stall' ? 'stalls past the timeout' : `answers ${mode}`}`, async () => {
      const session = (await post(`/api/v1/scenarios/${SLUG}/sessions`)).json();
      fake.mode = mode;
      const res = await post(`/api/v1/scenario-sessions/${session.id}/turns`, { text: '你怎么又磨蹭？再不写完我就把平板砸了！' });
      expect(res.statusCode).toBe(200);
      const reply = res.json().feedback.childReply;
      expect(reply).toEqual({ line: homework.nodes.tense2!.childLine, mood: 'angry', moodLabel: '生气', source: 'script' });
      expect(reply.line.length).toBeGreaterThan(0);
      fake.mode = 'ok';
    });
  }

  it('falls back when the model answers with nothing usable', async () => {
    const session = (await post(`/api/v1/scenarios/${SLUG}/sessions`)).json();
    fake.mode = 'ok';
    fake.reply = '<<< >>>';
    const res = await post(`/api/v1/scenario-sessions/${session.id}/turns`, { text: '发生什么事了？' });
    expect(res.json().feedback.childReply.source).toBe('script');
    expect(res.json().feedback.childReply.line).not.toBe('');
  });
});
