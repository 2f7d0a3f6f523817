/** Drizzle queries for students, rosters and family links. Callers pass the policy's SQL scope. */
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { PROFILE_CONSENT } from '../../../shared/contract/domain.js';
import type { Queryable } from '../../db/client.js';
import { containsPattern, qualified as q } from '../../db/sql.js';
import { classes, consents, districts, grades, guardianships, orgUnits, students, users } from '../../db/schema.js';

/** Is the newest profile-consent decision for the student a grant of the current policy version? */
export const profileConsentGranted = sql<boolean>`coalesce((
  SELECT ${q(consents.decision)} = 'granted' AND ${q(consents.policyVersion)} = ${PROFILE_CONSENT.version}
  FROM ${consents}
  WHERE ${q(consents.districtId)} = ${q(students.districtId)} AND ${q(consents.studentId)} = ${q(students.id)}
    AND ${q(consents.purpose)} = ${PROFILE_CONSENT.purpose}
  ORDER BY ${q(consents.decidedAt)} DESC LIMIT 1), false)`;

const rowColumns = {
  id: students.id,
  districtId: students.districtId,
  schoolId: students.schoolId,
  classId: students.classId,
  name: students.name,
  gender: students.gender,
  birthDate: students.birthDate,
  studentNo: students.studentNo,
  schoolName: orgUnits.name,
  className: classes.name,
  gradeNumber: grades.gradeNumber,
  districtName: districts.name,
};

/** Joins class, grade, school and district onto a `students` select, so every list shows where a child is. */
function withPlacement<T extends PgSelect>(query: T) {
  return query
    .innerJoin(classes, and(eq(classes.districtId, students.districtId), eq(classes.id, students.classId)))
    .innerJoin(grades, and(eq(grades.districtId, classes.districtId), eq(grades.id, classes.gradeId)))
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, students.districtId), eq(orgUnits.id, students.schoolId)))
    .innerJoin(districts, eq(districts.id, students.districtId));
}

function studentsWithPlacement(db: Queryable) {
  return withPlacement(db.select(rowColumns).from(students).$dynamic());
}

/** Unscoped load by id: the caller must authorise the row with the policy module before using it. */
export function unsafeFindStudentById(db: Queryable, id: string) {
  return studentsWithPlacement(db)
    .where(eq(students.id, id))
    .limit(1)
    .then((rows) => rows[0]);
}

export function findProfileConsentGranted(db: Queryable, districtId: string, studentId: string) {
  return db
    .select({ granted: profileConsentGranted })
    .from(students)
    .where(and(eq(students.districtId, districtId), eq(students.id, studentId)))
    .then((rows) => rows[0]?.granted ?? false);
}

export function listGuardians(db: Queryable, districtId: string, studentId: string) {
  return db
    .select({
      userId: users.id,
      displayName: users.displayName,
      mobile: users.mobile,
      relation: guardianships.relation,
      isPrimary: guardianships.isPrimary,
    })
    .from(guardianships)
    .innerJoin(users, eq(users.id, guardianships.guardianUserId))
    .where(and(eq(guardianships.districtId, districtId), eq(guardianships.studentId, studentId)))
    .orderBy(sql`${guardianships.isPrimary} DESC`, asc(users.displayName));
}

export function updateStudent(
  db: Queryable,
  districtId: string,
  id: string,
  patch: Partial<Pick<typeof students.$inferInsert, 'name' | 'gender' | 'birthDate'>>,
) {
  return db
    .update(students)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(students.districtId, districtId), eq(students.id, id)))
    .returning({ id: students.id });
}

/** A page of students matching `scope` (the policy's SQL condition) and the filters. */
export async function searchStudents(
  db: Queryable,
  scope: SQL,
  filters: { q?: string; classId?: string; schoolId?: string; page: number; pageSize: number },
) {
  const pattern = filters.q ? containsPattern(filters.q) : undefined;
  const where = and(
    scope,
    filters.classId ? eq(students.classId, filters.classId) : undefined,
    filters.schoolId ? eq(students.schoolId, filters.schoolId) : undefined,
    pattern ? or(ilike(students.name, pattern), ilike(students.studentNo, pattern)) : undefined,
  );
  const [items, totals] = await Promise.all([
    studentsWithPlacement(db)
      .where(where)
      .orderBy(asc(districts.sortOrder), asc(orgUnits.name), asc(grades.gradeNumber), asc(classes.classNumber), asc(students.studentNo))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    db.select({ total: count() }).from(students).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

export function findClass(db: Queryable, classId: string) {
  return db
    .select({
      id: classes.id,
      districtId: classes.districtId,
      schoolId: classes.schoolId,
      name: classes.name,
      schoolName: orgUnits.name,
      gradeNumber: grades.gradeNumber,
    })
    .from(classes)
    .innerJoin(grades, and(eq(grades.districtId, classes.districtId), eq(grades.id, classes.gradeId)))
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, classes.districtId), eq(orgUnits.id, classes.schoolId)))
    .where(eq(classes.id, classId))
    .limit(1)
    .then((rows) => rows[0]);
}

export function listRoster(db: Queryable, districtId: string, classId: string) {
  const query = db
    .select({
      ...rowColumns,
      profileConsent: profileConsentGranted,
      primaryGuardianName: sql<string | null>`(SELECT ${q(users.displayName)} FROM ${guardianships}
        JOIN ${users} ON ${q(users.id)} = ${q(guardianships.guardianUserId)}
        WHERE ${q(guardianships.districtId)} = ${q(students.districtId)} AND ${q(guardianships.studentId)} = ${q(students.id)}
          AND ${q(guardianships.isPrimary)} LIMIT 1)`,
    })
    .from(students)
    .$dynamic();
  return withPlacement(query)
    .where(and(eq(students.districtId, districtId), eq(students.classId, classId)))
    .orderBy(asc(students.studentNo));
}

/** The children of a guardian with their placement and consent, for /me. */
export function listChildrenOfGuardian(db: Queryable, guardianUserId: string) {
  const query = db
    .select({
      id: students.id,
      districtId: students.districtId,
      schoolId: students.schoolId,
      name: students.name,
      relation: guardianships.relation,
      isPrimaryGuardian: guardianships.isPrimary,
      schoolName: orgUnits.name,
      className: classes.name,
      gradeNumber: grades.gradeNumber,
      districtName: districts.name,
      profileConsent: profileConsentGranted,
    })
    .from(guardianships)
    .innerJoin(students, and(eq(students.districtId, guardianships.districtId), eq(students.id, guardianships.studentId)))
    .$dynamic();
  // Starting from the guardian's links keeps the join order selective (docs/decisions/004).
  return withPlacement(query)
    .where(eq(guardianships.guardianUserId, guardianUserId))
    .orderBy(asc(students.birthDate));
}
