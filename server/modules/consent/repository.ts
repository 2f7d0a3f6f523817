import { and, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { consents, users } from '../../db/schema.js';

export function listConsentHistory(db: Queryable, districtId: string, studentId: string, purpose: string) {
  return db
    .select({
      id: consents.id,
      decision: consents.decision,
      policyVersion: consents.policyVersion,
      decidedAt: consents.decidedAt,
      guardianName: users.displayName,
    })
    .from(consents)
    .innerJoin(users, eq(users.id, consents.guardianUserId))
    .where(and(eq(consents.districtId, districtId), eq(consents.studentId, studentId), eq(consents.purpose, purpose)))
    .orderBy(desc(consents.decidedAt));
}

export function insertConsent(db: Queryable, row: typeof consents.$inferInsert) {
  return db.insert(consents).values(row);
}
