/** Knowledge-base storage and the BM25 query over the segmented index. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AgeBand } from '../../../../shared/contract/domain.js';
import type { Queryable } from '../../../db/client.js';
import { kbArticles, kbArticleVersions, kbTerms, users } from '../../../db/schema.js';
import type { KnowledgeArticle } from './types.js';

export type ArticleRow = typeof kbArticles.$inferSelect;

export function countArticles(db: Queryable) {
  return db.select({ n: sql<number>`count(*)::int` }).from(kbArticles).then((r) => r[0]!.n);
}

export function findArticleBySlug(db: Queryable, slug: string) {
  return db.select().from(kbArticles).where(eq(kbArticles.slug, slug)).limit(1).then((r) => r[0]);
}

export function findArticlesByIds(db: Queryable, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as ArticleRow[]);
  return db.select().from(kbArticles).where(sql`${kbArticles.id} IN ${ids}`);
}

export function listArticles(db: Queryable) {
  return db.select().from(kbArticles).orderBy(asc(kbArticles.slug));
}

export function listVersions(db: Queryable, articleId: string) {
  return db
    .select({
      version: kbArticleVersions.version,
      title: kbArticleVersions.title,
      editedAt: kbArticleVersions.editedAt,
      editedByName: users.displayName,
    })
    .from(kbArticleVersions)
    .leftJoin(users, eq(users.id, kbArticleVersions.editedBy))
    .where(eq(kbArticleVersions.articleId, articleId))
    .orderBy(desc(kbArticleVersions.version));
}

/** Inserts a new article (version 1) with its index terms. */
export async function insertArticle(
  db: Queryable,
  article: KnowledgeArticle,
  terms: Map<string, number>,
  tokenCount: number,
) {
  const [row] = await db
    .insert(kbArticles)
    .values({
      slug: article.slug,
      title: article.title,
      ageBands: article.ageBands,
      topics: article.topics,
      content: article,
      tokenCount,
    })
    .returning({ id: kbArticles.id });
  await db.insert(kbArticleVersions).values({ articleId: row!.id, version: 1, title: article.title, content: article });
  await insertTerms(db, row!.id, terms);
  return row!.id;
}

async function insertTerms(db: Queryable, articleId: string, terms: Map<string, number>) {
  const rows = [...terms].map(([term, tf]) => ({ term, articleId, tf }));
  for (let i = 0; i < rows.length; i += 500) await db.insert(kbTerms).values(rows.slice(i, i + 500));
}

/**
 * Saves an edit as the next version, only if nobody saved since `baseVersion` (optimistic lock in the
 * UPDATE's WHERE). Returns undefined when the base version is stale.
 */
export async function updateArticle(
  db: Queryable,
  slug: string,
  baseVersion: number,
  article: KnowledgeArticle,
  terms: Map<string, number>,
  tokenCount: number,
  editorId: string,
) {
  const [row] = await db
    .update(kbArticles)
    .set({
      title: article.title,
      ageBands: article.ageBands,
      topics: article.topics,
      content: article,
      tokenCount,
      version: sql`${kbArticles.version} + 1`,
      updatedAt: sql`now()`,
      updatedBy: editorId,
    })
    .where(and(eq(kbArticles.slug, slug), eq(kbArticles.version, baseVersion)))
    .returning();
  if (!row) return undefined;
  await db.insert(kbArticleVersions).values({
    articleId: row.id,
    version: row.version,
    title: article.title,
    content: article,
    editedBy: editorId,
  });
  await db.delete(kbTerms).where(eq(kbTerms.articleId, row.id));
  await insertTerms(db, row.id, terms);
  return row;
}

export interface Hit {
  id: string;
  score: number;
  /** How many of the words the parent typed (weight 1, not synonyms) this article contains. */
  typedMatches: number;
  row: ArticleRow;
}

/**
 * Recomputes every term's BM25 weight (Okapi BM25, k1 = 1.2, b = 0.75). idf and the average length
 * depend on the whole collection, so any article change refreshes all rows — one statement over ~25k
 * rows, run only when content changes, never per query.
 */
export async function refreshBm25Weights(db: Queryable) {
  await db.execute(sql`
    WITH stats AS (SELECT count(*)::float8 AS n, greatest(avg(token_count), 1)::float8 AS avgdl FROM kb_articles),
    df AS (SELECT term, count(*)::float8 AS df FROM kb_terms GROUP BY term)
    UPDATE kb_terms t
    SET weight = ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5)) * (t.tf * 2.2) / (t.tf + 1.2 * (0.25 + 0.75 * a.token_count / stats.avgdl))
    FROM df, stats, kb_articles a
    WHERE df.term = t.term AND a.id = t.article_id`);
}

/**
 * BM25 ranking: Σ over query terms of (query weight × precomputed term weight), where typed words weigh
 * 1.0 and synonyms less, times an age-band boost (1.3) for articles written for the child's band.
 * One query returns the ranked articles with their content.
 */
export async function rankArticles(db: Queryable, weightedTerms: Map<string, number>, ageBand: AgeBand | null, limit: number) {
  if (weightedTerms.size === 0) return [];
  const query = sql.join(
    [...weightedTerms].map(([term, weight]) => sql`(${term}::text, ${weight}::float8)`),
    sql`, `,
  );
  const result = await db.execute<{ id: string; score: number; typed_matches: number }>(sql`
    WITH q(term, w) AS (VALUES ${query}),
    ranked AS (
      SELECT t.article_id, sum(q.w * t.weight) AS base, count(*) FILTER (WHERE q.w >= 1)::int AS typed_matches
      FROM q JOIN kb_terms t ON t.term = q.term
      GROUP BY t.article_id)
    SELECT a.id, r.typed_matches,
      r.base * (CASE WHEN ${ageBand}::text IS NOT NULL AND ${ageBand}::text = ANY(a.age_bands) THEN 1.3 ELSE 1 END) AS score
    FROM ranked r JOIN kb_articles a ON a.id = r.article_id
    ORDER BY score DESC, a.slug
    LIMIT ${limit}`);
  return result.rows;
}

/** The ranked articles with their stored content. */
export async function bm25(db: Queryable, weightedTerms: Map<string, number>, ageBand: AgeBand | null, limit: number): Promise<Hit[]> {
  const ranked = await rankArticles(db, weightedTerms, ageBand, limit);
  const rows = await findArticlesByIds(db, ranked.map((r) => r.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ranked.map((r) => ({ id: r.id, score: Number(r.score), typedMatches: Number(r.typed_matches), row: byId.get(r.id)! }));
}
