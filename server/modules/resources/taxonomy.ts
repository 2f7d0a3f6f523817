/**
 * The taxonomy as data: read (with a short in-process cache, since every search validates its tags),
 * seeded once from DEFAULT_TERMS, edited by admins.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { TaxonomyFacet, Term } from '../../../shared/contract/resources.js';
import type { Queryable } from '../../db/client.js';
import { taxonomyTerms } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { canAnywhere, type Actor } from '../policy/policy.js';
import { DEFAULT_TERMS } from './taxonomy-seed.js';

export type TermRow = typeof taxonomyTerms.$inferSelect;

let cache: { at: number; rows: TermRow[] } | undefined;
const CACHE_MS = 30_000;

/** All terms, active or not, ordered for display. Cached briefly; edits in this process clear it. */
export async function allTerms(db: Queryable): Promise<TermRow[]> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.rows;
  const rows = await db
    .select()
    .from(taxonomyTerms)
    .orderBy(asc(taxonomyTerms.facet), asc(taxonomyTerms.sortOrder), asc(taxonomyTerms.id));
  cache = { at: Date.now(), rows };
  return rows;
}

export function forgetTermCache() {
  cache = undefined;
}

/** Resolves tag ids; unknown or retired ids are a 400 naming them, so a typo never silently widens a search. */
export async function requireTerms(db: Queryable, ids: readonly string[], field = 'term'): Promise<TermRow[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await allTerms(db)).map((t) => [t.id, t]));
  const unknown = ids.filter((id) => !byId.get(id)?.active);
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', `未知标签：${unknown.join('、')}`, [
      { path: field, message: `未知标签：${unknown.join('、')}` },
    ]);
  }
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

/** Seeds the default taxonomy; existing terms (possibly relabelled by admins) are kept. */
export async function seedTaxonomy(db: Queryable): Promise<void> {
  await db
    .insert(taxonomyTerms)
    .values(
      DEFAULT_TERMS.map((t, i) => ({
        id: t.id,
        facet: t.facet,
        label: t.label,
        color: t.color ?? null,
        ageMin: t.ageMin ?? null,
        ageMax: t.ageMax ?? null,
        sortOrder: i,
      })),
    )
    .onConflictDoNothing();
  forgetTermCache();
}

export async function listTerms(db: Queryable, actor: Actor, includeInactive: boolean) {
  const counts = await db.execute<{ term: string; n: number }>(
    sql`SELECT unnest(terms) AS term, count(*)::int AS n FROM resources WHERE status = 'active' GROUP BY 1`,
  );
  const countOf = new Map(counts.rows.map((r) => [r.term, Number(r.n)]));
  const rows = (await allTerms(db)).filter((t) => includeInactive || t.active);
  return {
    items: rows.map((t) => presentTerm(t, countOf.get(t.id) ?? 0)),
    allowed: { edit: canAnywhere(actor, 'taxonomy:edit') },
  };
}

export function presentTerm(t: TermRow, resourceCount: number): Term {
  return {
    id: t.id,
    facet: t.facet as TaxonomyFacet,
    label: t.label,
    color: t.color,
    ageMin: t.ageMin,
    ageMax: t.ageMax,
    sortOrder: t.sortOrder,
    active: t.active,
    resourceCount,
  };
}

type TermChanges = {
  label?: string;
  color?: string | null;
  ageMin?: number | null;
  ageMax?: number | null;
  sortOrder?: number;
  active?: boolean;
};

function requireEditor(actor: Actor) {
  if (!canAnywhere(actor, 'taxonomy:edit')) throw new AppError('FORBIDDEN', '只有市、区管理员可以维护资源标签');
}

function checkAges(facet: string, ageMin: number | null | undefined, ageMax: number | null | undefined) {
  if (facet !== 'age') return;
  if (ageMin == null || ageMax == null) throw new AppError('VALIDATION_FAILED', '年龄标签必须填写起止年龄');
  if (ageMin > ageMax) throw new AppError('VALIDATION_FAILED', '起始年龄不能大于结束年龄');
}

export async function createTerm(
  db: Queryable,
  actor: Actor,
  input: TermChanges & { facet: TaxonomyFacet; code: string; label: string },
  ip: string,
) {
  requireEditor(actor);
  checkAges(input.facet, input.ageMin, input.ageMax);
  const id = `${input.facet}:${input.code}`;
  const [row] = await db
    .insert(taxonomyTerms)
    .values({
      id,
      facet: input.facet,
      label: input.label,
      color: input.color ?? null,
      ageMin: input.ageMin ?? null,
      ageMax: input.ageMax ?? null,
      sortOrder: input.sortOrder ?? 500,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', `标签 ${id} 已存在`);
  forgetTermCache();
  await recordAudit(db, {
    actor,
    action: 'taxonomy.create',
    recordType: 'taxonomy_term',
    recordId: id,
    purpose: '维护资源标签',
    ip,
  });
  return presentTerm(row, 0);
}

export async function updateTerm(db: Queryable, actor: Actor, id: string, changes: TermChanges, ip: string) {
  requireEditor(actor);
  const [current] = await db.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, id));
  if (!current) throw notFound('标签');
  checkAges(
    current.facet,
    changes.ageMin !== undefined ? changes.ageMin : current.ageMin,
    changes.ageMax !== undefined ? changes.ageMax : current.ageMax,
  );
  const [row] = await db
    .update(taxonomyTerms)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(taxonomyTerms.id, id))
    .returning();
  forgetTermCache();
  await recordAudit(db, {
    actor,
    action: 'taxonomy.update',
    recordType: 'taxonomy_term',
    recordId: id,
    purpose: '维护资源标签',
    ip,
    detail: changes,
  });
  const [count] = (
    await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM resources WHERE status = 'active' AND terms @> ARRAY[${id}]::text[]`,
    )
  ).rows;
  return presentTerm(row!, Number(count?.n ?? 0));
}
