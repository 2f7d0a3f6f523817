/**
 * The offline answer: composed from the best-matching articles, adapted to the child's age band, citing
 * every article it uses. Deterministic, instant, and the fallback for every model failure.
 */
import { ageBandLabels, gradeName, type AgeBand, type KbTopic } from '../../../shared/contract/domain.js';
import type { AskResponse } from '../../../shared/contract/assistant.js';
import type { KnowledgeArticle } from './knowledge/types.js';

export interface ChildContext {
  id: string;
  name: string;
  gradeNumber: number;
  ageBand: AgeBand;
  districtId: string;
  schoolId: string;
  /** Seam for the student profile capability: flags such as 'myopia', 'overweight', 'lowMood'. */
  profileFlags: string[];
}

export interface RankedArticle {
  id: string;
  score: number;
  /** Share of the parent's own words (not synonyms) found in the article, 0–1. */
  coverage: number;
  article: KnowledgeArticle;
}

/** Words that show a question is about a child or family life. */
const FAMILY_ANCHOR =
  /孩子|儿子|女儿|宝宝|娃|小孩|学生|闺女|老大|老二|大宝|二宝|家长|父母|爸|妈|亲子|上学|学校|老师|班主任|作业|年级|初[一二三]|高[一二三]|小学|中学|幼儿园|青春期|[0-9一二三四五六七八九十]+岁|他|她/;

/**
 * Is the best article really about the question? A strong match (BM25 ≥ 7, the weakest match among the
 * 150+ labelled parent questions) always is; a weaker one only when the question is about a child or
 * family at all — so "今天北京天气怎么样" or a coding request is not answered with a parenting article.
 */
export function isOnTopic(question: string, topScore: number): boolean {
  return topScore >= 7 || (topScore >= 3 && FAMILY_ANCHOR.test(question));
}

/**
 * Picks the articles to use: the best hit, preferring one written for the child's age band among hits
 * scoring at least 70% of the best, plus the next hit if it is also strong.
 */
export function chooseArticles(question: string, hits: RankedArticle[], ageBand: AgeBand | null): RankedArticle[] {
  if (hits.length === 0 || !isOnTopic(question, hits[0]!.score)) return [];
  const strong = hits.filter((h) => h.score >= hits[0]!.score * 0.7);
  const primary = (ageBand && strong.find((h) => h.article.ageBands.includes(ageBand))) || hits[0]!;
  const second = hits.find((h) => h !== primary && h.score >= hits[0]!.score * 0.6);
  return second ? [primary, second] : [primary];
}

function personalisation(child: ChildContext | null, primary: KnowledgeArticle): string {
  if (!child) return '';
  const band = ageBandLabels[child.ageBand];
  const fits = primary.ageBands.includes(child.ageBand);
  return fits
    ? `（以下建议按${child.name}现在${gradeName(child.gradeNumber)}、${band}阶段的特点整理。）`
    : `（${child.name}现在${gradeName(child.gradeNumber)}，这篇文章主要写给${primary.ageBands.map((b) => ageBandLabels[b]).join('、')}的家长，做法请按孩子的年龄适当调整。）`;
}

/** The rehearsal that fits an article's main topic (沉浸式家庭情景训练), offered as a next step. */
export const scenarioForTopic: Partial<Record<KnowledgeArticle['topics'][number], { slug: string; title: string }>> = {
  homework: { slug: 'homework-dawdling', title: '作业拖拉' },
  studyHabits: { slug: 'falling-grades', title: '成绩下滑' },
  screens: { slug: 'phone-confiscation', title: '收手机冲突' },
  screenOff: { slug: 'short-video-binge', title: '沉迷短视频' },
  examStress: { slug: 'exam-anxiety', title: '考前焦虑' },
  adolescence: { slug: 'talking-back', title: '青春期顶嘴' },
  communication: { slug: 'talking-back', title: '青春期顶嘴' },
  bullying: { slug: 'left-out', title: '被同学孤立' },
  lying: { slug: 'lying-about-grades', title: '说谎' },
  siblings: { slug: 'sibling-jealousy', title: '二胎争宠' },
  onlineSafety: { slug: 'online-friend-risk', title: '网络交友风险' },
  specialFamilies: { slug: 'after-divorce', title: '离异后的沟通' },
  transition: { slug: 'school-refusal', title: '不想上学' },
};

export type ComposedAnswer = Pick<AskResponse, 'answer' | 'sections' | 'citations' | 'actions'>;

export function composeOfflineAnswer(chosen: RankedArticle[], child: ChildContext | null): ComposedAnswer {
  if (chosen.length === 0) {
    return {
      answer:
        '京小帮专门回答家庭教育和孩子身心健康方面的问题。这个问题我在知识库里没有找到可靠的依据，不想随便回答。' +
        '您可以换个说法，说说孩子几年级、最近发生了什么、您最担心什么；也可以直接预约共育咨询室的咨询师。',
      sections: null,
      citations: [],
      actions: [{ kind: 'counselor', label: '请咨询师联系我', target: null }],
    };
  }
  const [primary, second] = chosen as [RankedArticle, RankedArticle | undefined];
  const a = primary.article;
  const sections = {
    likely: `${a.understanding}${personalisation(child, a)}`,
    whatToSay: [...a.whatToSay.slice(0, 3), ...(second ? second.article.whatToSay.slice(0, 1) : [])],
    thisWeek: [...a.thisWeek.slice(0, 4), ...(second ? second.article.thisWeek.slice(0, 1) : [])],
    seekHelp: a.seekHelp,
  };
  const cite = (n: number) => `[${n}]`;
  const answer = [
    `${a.summary}${cite(1)}`,
    '',
    `【可能的原因】${sections.likely}`,
    '',
    '【可以这样说】',
    ...sections.whatToSay.map((line) => `· ${line}`),
    '',
    '【本周可以做】',
    ...sections.thisWeek.map((step, i) => `${i + 1}. ${step}`),
    '',
    `【何时寻求帮助】${sections.seekHelp}`,
    '',
    `参考：${chosen.map((c, i) => `${cite(i + 1)}《${c.article.title}》`).join(' ')}`,
  ].join('\n');
  return {
    answer,
    sections,
    citations: chosen.map((c) => ({ id: c.id, slug: c.article.slug, title: c.article.title })),
    actions: [
      ...chosen.map((c) => ({ kind: 'article' as const, label: `阅读全文：${c.article.title}`, target: c.article.slug })),
      ...scenarioAction(chosen.map((c) => c.article)),
      ...resourcesAction(chosen.map((c) => c.article)),
      { kind: 'counselor' as const, label: '请咨询师联系我', target: null },
    ],
  };
}

/** Topics where going somewhere helps, and the map search that finds such places near the child. */
const placesForTopic: Partial<Record<KbTopic, { query: string; label: string }>> = {
  exercise: { query: 'term=domain:ti', label: '附近的运动场所' },
  obesity: { query: 'term=domain:ti', label: '附近的运动场所' },
  myopia: { query: 'term=type:park&term=type:nature', label: '附近的公园和户外去处' },
  screens: { query: 'term=domain:ti&term=domain:kexue', label: '附近可以替代屏幕的去处' },
  screenOff: { query: 'term=domain:ti&term=domain:kexue', label: '附近可以替代屏幕的去处' },
  reading: { query: 'term=type:library', label: '附近的图书馆' },
  labour: { query: 'term=domain:lao', label: '附近的劳动实践基地' },
  safety: { query: 'term=domain:anquan', label: '附近的安全教育场馆' },
  selfProtection: { query: 'term=domain:anquan', label: '附近的安全教育场馆' },
};

function resourcesAction(articles: KnowledgeArticle[]) {
  const place = articles.flatMap((a) => a.topics).map((t) => placesForTopic[t]).find(Boolean);
  return place ? [{ kind: 'resources' as const, label: `教育地图：${place.label}`, target: place.query }] : [];
}

/** The first rehearsal matching the cited articles' topics, best article first. */
function scenarioAction(articles: KnowledgeArticle[]) {
  const scenario = articles.flatMap((a) => a.topics).map((t) => scenarioForTopic[t]).find(Boolean);
  return scenario ? [{ kind: 'scenario' as const, label: `情景练习：${scenario.title}`, target: scenario.slug }] : [];
}

/** Attempts to re-program the assistant. Retrieval ignores them anyway; the model path is skipped. */
export function looksLikePromptInjection(question: string): boolean {
  return /忽略(?:以上|之前|上面|前面|所有|全部).{0,8}(?:指令|指示|要求|设定|规则|提示)|(?:ignore|disregard).{0,20}(?:instruction|prompt|above)|system\s*prompt|系统提示词|你现在(?:是|扮演)|越狱|jailbreak|developer mode/i.test(
    question,
  );
}
