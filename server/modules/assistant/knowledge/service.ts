/** 知识库 — seeding the articles we wrote, searching them, and versioned edits by admins. */
import type { AgeBand } from '../../../../shared/contract/domain.js';
import type { Database, Queryable } from '../../../db/client.js';
import { AppError, notFound } from '../../../http/errors.js';
import { recordAudit } from '../../audit/service.js';
import type { Actor } from '../../policy/policy.js';
import type { RankedArticle } from '../compose.js';
import { tokenize } from '../segment.js';
import { expandTerms } from '../synonyms.js';
import { allArticles } from './articles/index.js';
import { indexTerms } from './indexing.js';
import * as repo from './repository.js';
import type { KnowledgeArticle } from './types.js';

/** Loads the built-in articles into an empty knowledge base (any database, not only the demo). */
export async function seedKnowledgeBase(db: Database): Promise<number> {
  if ((await repo.countArticles(db)) > 0) return 0;
  await db.transaction(async (tx) => {
    if ((await repo.countArticles(tx)) > 0) return;
    for (const article of allArticles) {
      const { terms, tokenCount } = indexTerms(article);
      await repo.insertArticle(tx, article, terms, tokenCount);
    }
    await repo.refreshBm25Weights(tx);
  });
  return allArticles.length;
}

/** Retrieval: segmented, synonym-expanded BM25 with an age-band boost. */
export async function searchKnowledge(db: Queryable, text: string, ageBand: AgeBand | null, limit = 5): Promise<RankedArticle[]> {
  const typed = tokenize(text);
  const hits = await repo.bm25(db, expandTerms(typed), ageBand, limit);
  const typedCount = new Set(typed).size;
  return hits.map((h) => ({
    id: h.id,
    score: h.score,
    coverage: typedCount ? h.typedMatches / typedCount : 0,
    article: h.row.content as KnowledgeArticle,
  }));
}

export function presentArticle(row: repo.ArticleRow) {
  const a = row.content as KnowledgeArticle;
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    ageBands: a.ageBands,
    topics: a.topics,
    summary: a.summary,
    understanding: a.understanding,
    whatToSay: a.whatToSay,
    thisWeek: a.thisWeek,
    seekHelp: a.seekHelp,
    references: a.references,
    keywords: a.keywords,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getArticle(db: Queryable, slug: string) {
  const row = await repo.findArticleBySlug(db, slug);
  if (!row) throw notFound('文章');
  return row;
}

export async function updateArticle(
  db: Database,
  actor: Actor,
  slug: string,
  input: Omit<KnowledgeArticle, 'slug'> & { baseVersion: number },
  ip: string,
) {
  const { baseVersion, ...fields } = input;
  const article: KnowledgeArticle = { ...fields, slug };
  const { terms, tokenCount } = indexTerms(article);
  return db.transaction(async (tx) => {
    const current = await getArticle(tx, slug);
    const row = await repo.updateArticle(tx, slug, baseVersion, article, terms, tokenCount, actor.userId);
    if (!row) {
      throw new AppError('CONFLICT', `这篇文章已被他人更新到第 ${current.version} 版，请刷新后在最新版本上修改`);
    }
    await repo.refreshBm25Weights(tx);
    await recordAudit(tx, {
      actor,
      action: 'kb.article.update',
      recordType: 'kbArticle',
      recordId: row.id,
      purpose: '维护家庭教育知识库',
      ip,
      detail: { slug, version: row.version },
    });
    return row;
  });
}
