/**
 * 京小帮 — one engine behind the JSON and streaming endpoints: crisis check first, then retrieval,
 * then an offline composed answer or a model answer grounded in the same articles. Every exchange is
 * stored in the guardian's own conversation and audited.
 */
import { ageBandOfGrade } from '../../../shared/contract/domain.js';
import type { AskResponse } from '../../../shared/contract/assistant.js';
import type { AppConfig } from '../../config.js';
import type { Database, Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { complete, llmConfigFrom, streamCompletion, type LlmConfig } from '../llm/client.js';
import type { Actor } from '../policy/policy.js';
import { loadAuthorized } from '../students/service.js';
import { chooseArticles, composeOfflineAnswer, looksLikePromptInjection, type ChildContext, type ComposedAnswer } from './compose.js';
import { assessCrisis, type CrisisAssessment } from './crisis.js';
import { searchKnowledge } from './knowledge/service.js';
import { groundedMessages } from './llm-answer.js';
import { AccountRateLimiter } from './rate-limit.js';
import * as repo from './repository.js';
import { HOTLINES, safetyResponse } from './safety-response.js';

const limiters = new Map<number, AccountRateLimiter>();
/** One limiter per configured rate (one per process in practice). */
function limiterFor(config: AppConfig) {
  const perMinute = config.ASSISTANT_ASKS_PER_MINUTE;
  let limiter = limiters.get(perMinute);
  if (!limiter) {
    limiter = new AccountRateLimiter([
      { limit: perMinute, ms: 60_000 },
      { limit: perMinute * 15, ms: 24 * 3600_000 },
    ]);
    limiters.set(perMinute, limiter);
  }
  return limiter;
}

export interface AskInput {
  question: string;
  studentId?: string;
  conversationId?: string;
}

interface Prepared {
  child: ChildContext | null;
  conversationId: string;
  crisis: CrisisAssessment;
}

/** The child the question is about: the one named (if the actor may read them), or a guardian's only child. */
async function resolveChild(db: Queryable, actor: Actor, studentId: string | undefined, ip: string): Promise<ChildContext | null> {
  let id = studentId;
  if (!id && actor.familyStudentKeys.size === 1) id = [...actor.familyStudentKeys][0]!.split(':')[1];
  if (!id) return null;
  const s = await loadAuthorized(db, actor, id, 'student:read', ip);
  return {
    id: s.id,
    name: s.name,
    gradeNumber: s.gradeNumber,
    ageBand: ageBandOfGrade(s.gradeNumber),
    districtId: s.districtId,
    schoolId: s.schoolId,
    // The student-profile capability will fill these (myopia, weight, wellbeing); none exist yet.
    profileFlags: [],
  };
}

async function prepare(db: Database, config: AppConfig, actor: Actor, input: AskInput, ip: string): Promise<Prepared> {
  const wait = limiterFor(config).take(actor.userId);
  if (wait > 0) {
    throw new AppError('TOO_MANY_REQUESTS', `提问太频繁了，请 ${wait} 秒后再试`, undefined, { 'retry-after': String(wait) });
  }
  const child = await resolveChild(db, actor, input.studentId, ip);
  let conversationId = input.conversationId;
  if (conversationId) {
    if (!(await repo.findOwnConversation(db, actor.userId, conversationId))) throw notFound('会话');
  } else {
    const title = input.question.replace(/\s+/g, ' ').slice(0, 24);
    conversationId = (await repo.createConversation(db, actor.userId, title, child?.id ?? null)).id;
  }
  return { child, conversationId, crisis: assessCrisis(input.question) };
}

/** Which district's counsellors take the case: the child's, else the guardian's child's, else the actor's own. */
function caseDistrict(actor: Actor, child: ChildContext | null): string {
  return (
    child?.districtId ??
    [...actor.familyStudentKeys][0]?.split(':')[0] ??
    actor.assignments.find((a) => a.districtId)?.districtId ??
    // City-level staff have no district; their cases go to the first district's queue (东城区).
    '110101'
  );
}

function crisisActions(caseId: string, aboutAChild: boolean): AskResponse['actions'] {
  return [
    { kind: 'counselor', label: '马上联系咨询师', target: caseId },
    ...(aboutAChild ? [{ kind: 'alertHeadTeacher' as const, label: '同意通知班主任', target: caseId }] : []),
    ...HOTLINES.slice(0, 4).map((h) => ({ kind: 'hotline' as const, label: `拨打 ${h.number}（${h.label}）`, target: h.number })),
  ];
}

async function crisisAnswer(db: Database, actor: Actor, input: AskInput, p: Prepared, ip: string): Promise<AskResponse> {
  const response = safetyResponse(p.crisis.categories, p.child?.name ?? null);
  return db.transaction(async (tx) => {
    const opened = await repo.insertCrisisCase(tx, {
      districtId: caseDistrict(actor, p.child),
      guardianUserId: actor.userId,
      studentId: p.child?.id ?? null,
      categories: p.crisis.categories,
      excerpt: input.question.slice(0, 1000),
    });
    const actions = crisisActions(opened.id, p.child !== null);
    await repo.appendExchange(tx, p.conversationId, input.question, {
      content: response.text,
      crisis: true,
      citations: [],
      source: 'safety',
      meta: { actions, crisisCategories: p.crisis.categories, crisisCaseId: opened.id, personalisedFor: p.child?.name ?? null },
    });
    await recordAudit(tx, {
      actor,
      action: 'assistant.crisis',
      recordType: 'crisisCase',
      recordId: opened.id,
      districtId: opened.districtId,
      schoolId: p.child?.schoolId ?? null,
      studentId: p.child?.id ?? null,
      purpose: '危机识别并转介咨询师',
      ip,
      detail: { categories: p.crisis.categories, matched: p.crisis.matched },
    });
    return {
      conversationId: p.conversationId,
      crisis: true,
      crisisCategories: p.crisis.categories,
      answer: response.text,
      sections: null,
      citations: [],
      actions,
      source: 'safety',
      crisisCaseId: opened.id,
      personalisedFor: p.child?.name ?? null,
    };
  });
}

async function saveAnswer(db: Database, actor: Actor, input: AskInput, p: Prepared, composed: ComposedAnswer, source: 'offline' | 'llm', ip: string): Promise<AskResponse> {
  await db.transaction(async (tx) => {
    await repo.appendExchange(tx, p.conversationId, input.question, {
      content: composed.answer,
      crisis: false,
      citations: composed.citations,
      source,
      meta: { actions: composed.actions, crisisCategories: [], crisisCaseId: null, personalisedFor: p.child?.name ?? null },
    });
    await recordAudit(tx, {
      actor,
      action: 'assistant.ask',
      recordType: 'conversation',
      recordId: p.conversationId,
      districtId: p.child?.districtId ?? null,
      schoolId: p.child?.schoolId ?? null,
      studentId: p.child?.id ?? null,
      purpose: '家庭教育指导问答',
      ip,
      detail: { source, citations: composed.citations.map((c) => c.slug) },
    });
  });
  return {
    conversationId: p.conversationId,
    crisis: false,
    crisisCategories: [],
    ...composed,
    source,
    crisisCaseId: null,
    personalisedFor: p.child?.name ?? null,
  };
}

/** Retrieval + offline composition: the part every answer shares (and the benchmark measures). */
export async function offlineAnswer(db: Queryable, question: string, child: ChildContext | null) {
  const hits = await searchKnowledge(db, question, child?.ageBand ?? null, 5);
  const chosen = chooseArticles(question, hits, child?.ageBand ?? null);
  return { chosen, composed: composeOfflineAnswer(chosen, child) };
}

function modelFor(config: AppConfig, question: string, chosen: unknown[]): LlmConfig | null {
  const llm = llmConfigFrom(config);
  // No model for questions we cannot ground, or that try to re-program the assistant.
  if (!llm || chosen.length === 0 || looksLikePromptInjection(question)) return null;
  return llm;
}

/**
 * A guardian asks a counsellor to contact them about an ordinary (non-crisis) concern. It joins the same
 * district queue as crisis cases, marked 'counselorRequest', so one human workflow handles both.
 */
export async function requestCounselor(
  db: Database,
  actor: Actor,
  input: { conversationId?: string; studentId?: string; note: string },
  ip: string,
) {
  const child = await resolveChild(db, actor, input.studentId, ip);
  if (input.conversationId && !(await repo.findOwnConversation(db, actor.userId, input.conversationId))) throw notFound('会话');
  return db.transaction(async (tx) => {
    const opened = await repo.insertCrisisCase(tx, {
      districtId: caseDistrict(actor, child),
      guardianUserId: actor.userId,
      studentId: child?.id ?? null,
      categories: ['counselorRequest'],
      excerpt: input.note,
    });
    await recordAudit(tx, {
      actor,
      action: 'assistant.counselorRequest',
      recordType: 'crisisCase',
      recordId: opened.id,
      districtId: opened.districtId,
      schoolId: child?.schoolId ?? null,
      studentId: child?.id ?? null,
      purpose: '家长请求咨询师联系',
      ip,
    });
    return {
      caseId: opened.id,
      districtId: opened.districtId,
      message: '已转给本区共育咨询室，咨询师会通过您登记的手机号与您联系。如情况紧急，请拨打 12355 或 110/120。',
    };
  });
}

/** POST /assistant/ask: one JSON answer. */
export async function ask(db: Database, config: AppConfig, actor: Actor, input: AskInput, ip: string): Promise<AskResponse> {
  const p = await prepare(db, config, actor, input, ip);
  if (p.crisis.crisis) return crisisAnswer(db, actor, input, p, ip);
  const { chosen, composed } = await offlineAnswer(db, input.question, p.child);
  const llm = modelFor(config, input.question, chosen);
  if (llm) {
    try {
      const text = await complete(llm, groundedMessages(input.question, chosen, p.child));
      return saveAnswer(db, actor, input, p, { ...composed, answer: text, sections: null }, 'llm', ip);
    } catch {
      // Fall through to the offline answer: never a blank.
    }
  }
  return saveAnswer(db, actor, input, p, composed, 'offline', ip);
}

export type StreamEvent =
  | { event: 'meta'; data: Omit<AskResponse, 'answer'> }
  | { event: 'delta'; data: { text: string } }
  | { event: 'done'; data: AskResponse };

/**
 * The streaming path over the same engine: meta first (crisis flag, citations, actions), then text deltas
 * (the model's, or the offline answer in pieces), then the final stored answer. A model failure midway
 * restarts the text with the offline answer (`reset: true` is implied by a fresh 'meta').
 */
export async function* askStream(db: Database, config: AppConfig, actor: Actor, input: AskInput, ip: string): AsyncGenerator<StreamEvent> {
  const p = await prepare(db, config, actor, input, ip);
  if (p.crisis.crisis) {
    const result = await crisisAnswer(db, actor, input, p, ip);
    const { answer, ...meta } = result;
    yield { event: 'meta', data: meta };
    yield { event: 'delta', data: { text: answer } };
    yield { event: 'done', data: result };
    return;
  }
  const { chosen, composed } = await offlineAnswer(db, input.question, p.child);
  const base = { conversationId: p.conversationId, crisis: false, crisisCategories: [], citations: composed.citations, actions: composed.actions, crisisCaseId: null, personalisedFor: p.child?.name ?? null };
  const llm = modelFor(config, input.question, chosen);
  if (llm) {
    yield { event: 'meta', data: { ...base, sections: null, source: 'llm' } };
    let text = '';
    try {
      for await (const delta of streamCompletion(llm, groundedMessages(input.question, chosen, p.child))) {
        text += delta;
        yield { event: 'delta', data: { text: delta } };
      }
      yield { event: 'done', data: await saveAnswer(db, actor, input, p, { ...composed, answer: text, sections: null }, 'llm', ip) };
      return;
    } catch {
      // Model failed: replace whatever streamed with the offline answer below.
    }
  }
  yield { event: 'meta', data: { ...base, sections: composed.sections, source: 'offline' } };
  for (const paragraph of composed.answer.split(/(?<=\n)/)) yield { event: 'delta', data: { text: paragraph } };
  yield { event: 'done', data: await saveAnswer(db, actor, input, p, composed, 'offline', ip) };
}
