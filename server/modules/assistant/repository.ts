/** Conversations, messages and crisis cases. */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { assistantConversations, assistantMessages, crisisCases, orgUnits, students, users } from '../../db/schema.js';

/** Kept with an answer so a reloaded conversation offers the same actions it did live. */
export interface StoredAnswerMeta {
  actions: { kind: string; label: string; target: string | null }[];
  crisisCategories: string[];
  crisisCaseId: string | null;
  personalisedFor: string | null;
}

export function createConversation(db: Queryable, userId: string, title: string, studentId: string | null) {
  return db
    .insert(assistantConversations)
    .values({ userId, title, studentId })
    .returning()
    .then((r) => r[0]!);
}

/** Owner-only load: another user's conversation id is indistinguishable from a missing one. */
export function findOwnConversation(db: Queryable, userId: string, id: string) {
  return db
    .select()
    .from(assistantConversations)
    .where(and(eq(assistantConversations.id, id), eq(assistantConversations.userId, userId)))
    .limit(1)
    .then((r) => r[0]);
}

export function listOwnConversations(db: Queryable, userId: string) {
  return db
    .select()
    .from(assistantConversations)
    .where(eq(assistantConversations.userId, userId))
    .orderBy(desc(assistantConversations.updatedAt))
    .limit(200);
}

export function listMessages(db: Queryable, conversationId: string) {
  return db.select().from(assistantMessages).where(eq(assistantMessages.conversationId, conversationId)).orderBy(asc(assistantMessages.id));
}

export async function appendExchange(
  db: Queryable,
  conversationId: string,
  question: string,
  answer: { content: string; crisis: boolean; citations: unknown[]; source: string; meta: StoredAnswerMeta },
) {
  await db.insert(assistantMessages).values([
    { conversationId, role: 'user', content: question, crisis: answer.crisis },
    {
      conversationId,
      role: 'assistant',
      content: answer.content,
      crisis: answer.crisis,
      citations: answer.citations,
      source: answer.source,
      meta: answer.meta,
    },
  ]);
  await db.update(assistantConversations).set({ updatedAt: sql`now()` }).where(eq(assistantConversations.id, conversationId));
}

export function deleteOwnConversation(db: Queryable, userId: string, id: string) {
  return db
    .delete(assistantConversations)
    .where(and(eq(assistantConversations.id, id), eq(assistantConversations.userId, userId)))
    .returning({ id: assistantConversations.id });
}

export function deleteAllOwnConversations(db: Queryable, userId: string) {
  return db.delete(assistantConversations).where(eq(assistantConversations.userId, userId));
}

export function insertCrisisCase(db: Queryable, row: typeof crisisCases.$inferInsert) {
  return db.insert(crisisCases).values(row).returning().then((r) => r[0]!);
}

const caseColumns = {
  id: crisisCases.id,
  districtId: crisisCases.districtId,
  guardianUserId: crisisCases.guardianUserId,
  studentId: crisisCases.studentId,
  categories: crisisCases.categories,
  excerpt: crisisCases.excerpt,
  status: crisisCases.status,
  alertHeadTeacher: crisisCases.alertHeadTeacher,
  createdAt: crisisCases.createdAt,
  seenAt: crisisCases.seenAt,
  contactedAt: crisisCases.contactedAt,
  closedAt: crisisCases.closedAt,
  note: crisisCases.note,
  handledBy: crisisCases.handledBy,
  guardianName: users.displayName,
  guardianMobile: users.mobile,
  studentName: students.name,
  schoolName: orgUnits.name,
};

function casesQuery(db: Queryable) {
  return db
    .select(caseColumns)
    .from(crisisCases)
    .innerJoin(users, eq(users.id, crisisCases.guardianUserId))
    .leftJoin(students, and(eq(students.districtId, crisisCases.districtId), eq(students.id, crisisCases.studentId)))
    .leftJoin(orgUnits, and(eq(orgUnits.districtId, students.districtId), eq(orgUnits.id, students.schoolId)));
}

export function listCases(db: Queryable, scope: SQL, status?: string) {
  return casesQuery(db)
    .where(and(scope, status ? eq(crisisCases.status, status) : undefined))
    .orderBy(sql`CASE ${crisisCases.status} WHEN 'open' THEN 0 WHEN 'seen' THEN 1 WHEN 'contacted' THEN 2 ELSE 3 END`, desc(crisisCases.createdAt))
    .limit(200);
}

export function findCase(db: Queryable, id: string) {
  return casesQuery(db).where(eq(crisisCases.id, id)).limit(1).then((r) => r[0]);
}

export function userNames(db: Queryable, ids: string[]) {
  if (ids.length === 0) return Promise.resolve(new Map<string, string>());
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, ids))
    .then((rows) => new Map(rows.map((r) => [r.id, r.name])));
}

const ORDER = ['open', 'seen', 'contacted', 'closed'] as const;

/**
 * Moves a case forward only: the WHERE clause accepts only earlier states, so a stale or concurrent
 * request cannot move it back or skip a timestamp twice.
 */
export function advanceCase(db: Queryable, districtId: string, id: string, to: 'seen' | 'contacted' | 'closed', handlerId: string, note?: string) {
  const earlier = ORDER.slice(0, ORDER.indexOf(to));
  return db
    .update(crisisCases)
    .set({
      status: to,
      handledBy: handlerId,
      seenAt: sql`coalesce(${crisisCases.seenAt}, now())`,
      ...(to !== 'seen' ? { contactedAt: sql`coalesce(${crisisCases.contactedAt}, now())` } : {}),
      ...(to === 'closed' ? { closedAt: sql`now()` } : {}),
      ...(note ? { note } : {}),
    })
    .where(and(eq(crisisCases.districtId, districtId), eq(crisisCases.id, id), inArray(crisisCases.status, [...earlier])))
    .returning({ id: crisisCases.id });
}

export function markAlertHeadTeacher(db: Queryable, guardianUserId: string, id: string) {
  return db
    .update(crisisCases)
    .set({ alertHeadTeacher: true })
    .where(and(eq(crisisCases.id, id), eq(crisisCases.guardianUserId, guardianUserId)))
    .returning({ id: crisisCases.id, districtId: crisisCases.districtId, studentId: crisisCases.studentId });
}
