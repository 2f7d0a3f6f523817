import type { AgeBand, KbTopic } from '../../../../shared/contract/domain.js';

/**
 * One knowledge-base article for parents, written by us in plain Chinese. Seeded into `kb_articles`
 * on first start; admins edit it in the UI afterwards (versions kept).
 */
export interface KnowledgeArticle {
  /** Unique, stable, kebab-case English, e.g. 'phone-limits-primary'. */
  slug: string;
  /** Chinese title a parent would recognise, ≤ 30 characters. */
  title: string;
  ageBands: AgeBand[];
  topics: KbTopic[];
  /** 2–4 sentences: the short answer. */
  summary: string;
  /** What is likely going on (为什么会这样), 2–5 sentences. */
  understanding: string;
  /** 3–5 example lines a parent can say, each one sentence as spoken to the child. */
  whatToSay: string[];
  /** 3–5 concrete steps for this week. */
  thisWeek: string[];
  /** When to seek professional help, and from whom. */
  seekHelp: string;
  /** Laws / standards / official guidance that apply, e.g. '《中华人民共和国家庭教育促进法》第十七条'. May be empty. */
  references: string[];
  /** Extra words parents use for this problem (colloquial, synonyms), to help search. */
  keywords: string[];
}
