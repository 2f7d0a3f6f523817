import { z } from 'zod';
import { AGE_BANDS } from './domain.js';
import { defineEndpoint, fields } from './endpoint.js';

const tags = ['情景训练'];

/** The five communication skills a parent practises (沉浸式家庭情景训练), scored 0–100 each. */
export const SCENARIO_SKILLS = ['listening', 'namingFeelings', 'empathy', 'boundary', 'problemSolving'] as const;
export type ScenarioSkill = (typeof SCENARIO_SKILLS)[number];
export const scenarioSkillLabels: Record<ScenarioSkill, string> = {
  listening: '倾听',
  namingFeelings: '说出感受',
  empathy: '共情',
  boundary: '清晰边界',
  problemSolving: '共同解决',
};

/** Habits that shut a child down; they are subtracted from the score. */
export const SCENARIO_PENALTIES = ['blame', 'threat', 'lecture'] as const;
export type ScenarioPenalty = (typeof SCENARIO_PENALTIES)[number];
export const scenarioPenaltyLabels: Record<ScenarioPenalty, string> = { blame: '指责', threat: '威胁', lecture: '说教' };

/** How the simulated child feels at a step of the dialogue. */
export const CHILD_MOODS = ['angry', 'sad', 'anxious', 'calm', 'defensive', 'relieved', 'withdrawn'] as const;
export type ChildMood = (typeof CHILD_MOODS)[number];
export const childMoodLabels: Record<ChildMood, string> = {
  angry: '生气',
  sad: '难过',
  anxious: '焦虑',
  calm: '平静',
  defensive: '戒备',
  relieved: '松了口气',
  withdrawn: '闷闷不乐',
};

export const SCENARIO_DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type ScenarioDifficulty = (typeof SCENARIO_DIFFICULTIES)[number];
export const scenarioDifficultyLabels: Record<ScenarioDifficulty, string> = { easy: '入门', medium: '进阶', hard: '挑战' };

/** How well a parent line landed: good → the child opens up, poor → the conversation escalates. */
export const TURN_QUALITIES = ['good', 'fair', 'poor'] as const;
export type TurnQuality = (typeof TURN_QUALITIES)[number];
export const turnQualityLabels: Record<TurnQuality, string> = { good: '很好', fair: '还可以', poor: '需要改进' };

const score = z.number().int().min(0).max(100);

export const SkillScoresSchema = z.object({
  listening: score,
  namingFeelings: score,
  empathy: score,
  boundary: score,
  problemSolving: score,
});
export type SkillScores = z.infer<typeof SkillScoresSchema>;

/** Signed differences between two sessions, per skill (−100…100). */
export const SkillChangesSchema = z.object({
  listening: z.number().int(),
  namingFeelings: z.number().int(),
  empathy: z.number().int(),
  boundary: z.number().int(),
  problemSolving: z.number().int(),
});

export const PenaltyScoresSchema = z.object({ blame: score, threat: score, lecture: score });
export type PenaltyScores = z.infer<typeof PenaltyScoresSchema>;

export const PersonaSchema = z.object({
  name: z.string(),
  age: z.number().int(),
  /** One emoji standing in for the child's face. */
  avatar: z.string(),
  temperament: z.string(),
});

export const ScenarioSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  ageBands: z.array(z.enum(AGE_BANDS)),
  skillsFocus: z.array(z.enum(SCENARIO_SKILLS)),
  difficulty: z.enum(SCENARIO_DIFFICULTIES),
  persona: PersonaSchema.pick({ name: true, age: true, avatar: true }),
  /** The signed-in user's own record on this scenario. */
  mine: z.object({
    bestTotal: score.nullable(),
    finishedSessions: z.number().int(),
    /** An unfinished session to continue, if any (the newest). */
    activeSessionId: z.string().nullable(),
  }),
});
export type ScenarioSummary = z.infer<typeof ScenarioSummarySchema>;

export const ScenarioDetailSchema = ScenarioSummarySchema.extend({
  /** What this rehearsal practises and how it works. */
  intro: z.string(),
  /** The situation in 1–2 sentences. */
  setting: z.string(),
  persona: PersonaSchema,
  /** How many times the parent will speak before the conversation ends. */
  parentTurns: z.object({ min: z.number().int(), max: z.number().int() }),
});
export type ScenarioDetail = z.infer<typeof ScenarioDetailSchema>;

/** One line of evidence from the rubric: the score and the words that produced it. */
export const RubricLineSchema = z.object({
  key: z.enum([...SCENARIO_SKILLS, ...SCENARIO_PENALTIES]),
  label: z.string(),
  kind: z.enum(['skill', 'penalty']),
  score,
  /** The exact words in the parent's line that triggered this score. */
  matched: z.array(z.string()),
  reason: z.string(),
});
export type RubricLine = z.infer<typeof RubricLineSchema>;

const ChildLineSchema = z.object({
  line: z.string(),
  mood: z.enum(CHILD_MOODS),
  moodLabel: z.string(),
  /** 'llm' when a language model voiced the child, 'script' for the written line. */
  source: z.enum(['llm', 'script']),
});

export const TurnFeedbackSchema = z.object({
  index: z.number().int(),
  /** What the child had just said when the parent answered. */
  childLine: z.string(),
  parentLine: z.string(),
  mode: z.enum(['choice', 'text']),
  total: score,
  quality: z.enum(TURN_QUALITIES),
  qualityLabel: z.string(),
  skills: z.array(RubricLineSchema),
  penalties: z.array(RubricLineSchema),
  /** One sentence of advice for this step. */
  tip: z.string(),
  /** The model answer for this step (null when the parent already chose it). */
  betterLine: z.string().nullable(),
  childReply: ChildLineSchema,
  at: z.string(),
});
export type TurnFeedback = z.infer<typeof TurnFeedbackSchema>;

export const ScenarioSessionSchema = z.object({
  id: z.string(),
  scenario: z.object({ slug: z.string(), title: z.string(), setting: z.string(), persona: PersonaSchema }),
  status: z.enum(['active', 'finished']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The child's first line. */
  opening: ChildLineSchema,
  turns: z.array(TurnFeedbackSchema),
  /** The step waiting for the parent's answer; null once finished. */
  current: z
    .object({
      nodeId: z.string(),
      childLine: z.string(),
      mood: z.enum(CHILD_MOODS),
      moodLabel: z.string(),
      choices: z.array(z.object({ id: z.string(), text: z.string() })),
      allowFreeText: z.boolean(),
      freeTextMaxLength: z.number().int(),
    })
    .nullable(),
  /** How the conversation ended; null while active. */
  ending: z.object({ outcome: z.enum(TURN_QUALITIES), summary: z.string(), total: score }).nullable(),
});
export type ScenarioSession = z.infer<typeof ScenarioSessionSchema>;

const ReportTurnSchema = z.object({
  index: z.number().int(),
  childLine: z.string(),
  parentLine: z.string(),
  total: score,
  reason: z.string(),
  betterLine: z.string(),
});

export const ScenarioReportSchema = z.object({
  sessionId: z.string(),
  scenario: z.object({ slug: z.string(), title: z.string() }),
  finishedAt: z.string(),
  total: score,
  skills: z.array(
    z.object({
      skill: z.enum(SCENARIO_SKILLS),
      label: z.string(),
      score,
      /** How many of the parent's turns showed this skill at all. */
      observedTurns: z.number().int(),
      /** Counts double in the total because this scenario practises it. */
      focus: z.boolean(),
    }),
  ),
  penalties: z.array(z.object({ penalty: z.enum(SCENARIO_PENALTIES), label: z.string(), score, observedTurns: z.number().int() })),
  ending: z.object({ outcome: z.enum(TURN_QUALITIES), summary: z.string() }),
  bestTurn: ReportTurnSchema,
  worstTurn: ReportTurnSchema,
  comparison: z.object({
    /** Earlier finished sessions of the same scenario. */
    previousSessions: z.number().int(),
    previousBest: score.nullable(),
    previousLatest: score.nullable(),
    /** total − previousLatest; null on a first attempt. */
    change: z.number().int().nullable(),
    /** Per skill: this score − the previous session's score; null on a first attempt. */
    skillChanges: SkillChangesSchema.nullable(),
    message: z.string(),
  }),
});
export type ScenarioReport = z.infer<typeof ScenarioReportSchema>;

const HistoryPointSchema = z.object({
  sessionId: z.string(),
  finishedAt: z.string(),
  total: score,
  skills: SkillScoresSchema,
});

export const ScenarioProgressSchema = z.object({
  finishedSessions: z.number().int(),
  scenariosTried: z.number().int(),
  /** Averages over every finished session; null before the first. */
  skillAverages: SkillScoresSchema.nullable(),
  items: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      avatar: z.string(),
      /** Sessions started, finished or not. */
      attempts: z.number().int(),
      finishedSessions: z.number().int(),
      best: score.nullable(),
      latest: score.nullable(),
      skillAverages: SkillScoresSchema.nullable(),
      /** Oldest first: one point per finished session. */
      history: z.array(HistoryPointSchema),
    }),
  ),
});
export type ScenarioProgress = z.infer<typeof ScenarioProgressSchema>;

const slugParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, { error: '情景编号只能包含小写字母、数字和连字符' }),
});
const sessionParams = z.object({ sessionId: fields.uuid('练习编号') });

/** Longest free-text answer a parent may type. */
export const FREE_TEXT_MAX = 500;

export const listScenarios = defineEndpoint({
  method: 'GET',
  path: '/api/v1/scenarios',
  summary: '情景训练列表（含本人最好成绩与练习次数）',
  tags,
  response: z.object({ items: z.array(ScenarioSummarySchema) }),
});

export const scenarioProgress = defineEndpoint({
  method: 'GET',
  path: '/api/v1/scenarios/progress',
  summary: '本人在各情景中的练习进步（次数、最好、最近、各项技能随时间的变化）',
  tags,
  response: ScenarioProgressSchema,
});

export const getScenario = defineEndpoint({
  method: 'GET',
  path: '/api/v1/scenarios/:slug',
  summary: '一个情景的介绍、背景和孩子的人设',
  tags,
  params: slugParams,
  response: ScenarioDetailSchema,
});

export const startScenarioSession = defineEndpoint({
  method: 'POST',
  path: '/api/v1/scenarios/:slug/sessions',
  summary: '开始一次情景练习，返回孩子的第一句话和可选回答',
  tags,
  params: slugParams,
  response: ScenarioSessionSchema,
  status: 201,
});

export const getScenarioSession = defineEndpoint({
  method: 'GET',
  path: '/api/v1/scenario-sessions/:sessionId',
  summary: '读取本人的一次情景练习（进行中或已结束）',
  tags,
  params: sessionParams,
  response: ScenarioSessionSchema,
});

export const answerScenarioTurn = defineEndpoint({
  method: 'POST',
  path: '/api/v1/scenario-sessions/:sessionId/turns',
  summary: '回答孩子：选一个选项或输入自己的话（二选一），立即评分并推进对话',
  tags,
  params: sessionParams,
  body: z
    .object({
      choiceId: z.string({ error: '选项编号必须是文本' }).min(1, { error: '选项编号不能为空' }).max(60, { error: '选项编号不正确' }).optional(),
      text: fields.text('回答内容', FREE_TEXT_MAX).optional(),
      /** The step being answered (`current.nodeId`); a stale one answers 409 instead of answering the next step. */
      nodeId: z.string({ error: '步骤编号必须是文本' }).min(1).max(60, { error: '步骤编号不正确' }).optional(),
    })
    .strict()
    .refine((b) => (b.choiceId === undefined) !== (b.text === undefined), {
      error: '请选择一个选项或输入自己的话，两者只能选其一',
    }),
  response: z.object({
    feedback: TurnFeedbackSchema,
    session: ScenarioSessionSchema,
    /** Present when this answer ended the conversation. */
    report: ScenarioReportSchema.nullable(),
  }),
});

export const getScenarioReport = defineEndpoint({
  method: 'GET',
  path: '/api/v1/scenario-sessions/:sessionId/report',
  summary: '一次练习的报告：各项技能得分、最好与最需改进的一句、与以往练习的比较',
  tags,
  params: sessionParams,
  response: ScenarioReportSchema,
});
