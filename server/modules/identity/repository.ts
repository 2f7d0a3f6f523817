/** Drizzle queries for accounts, sessions and login throttling. No business rules here. */
import { and, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.js';
import { containsPattern, qualified as q } from '../../db/sql.js';
import type { Assignment } from '../policy/policy.js';
import {
  classes,
  districts,
  grades,
  guardianships,
  loginThrottle,
  orgUnits,
  roleAssignments,
  sessions,
  students,
  users,
} from '../../db/schema.js';

/** Not revoked, not past its absolute expiry, not idle longer than its timeout. */
const sessionIsLive = and(
  isNull(sessions.revokedAt),
  sql`${sessions.expiresAt} > now()`,
  sql`${sessions.lastSeenAt} + make_interval(secs => ${sessions.idleTimeoutSeconds}) > now()`,
);

export function findUserByLogin(db: Queryable, login: string) {
  return db
    .select()
    .from(users)
    .where(or(eq(users.username, login), eq(users.mobile, login)))
    .limit(1)
    .then((rows) => rows[0]);
}

export function findUserById(db: Queryable, id: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.id, id))
    .limit(1)
    .then((rows) => rows[0]);
}

/**
 * Counts one failed password atomically and locks the account for `lockMinutes` at the `maxFailures`th
 * failure. A lock that has run out starts a fresh count. Returns the new state.
 */
export function recordFailedLogin(db: Queryable, userId: string, maxFailures: number, lockMinutes: number) {
  const expired = sql`(${users.lockedUntil} IS NOT NULL AND ${users.lockedUntil} <= now())`;
  const newCount = sql`CASE WHEN ${expired} THEN 1 ELSE ${users.failedLoginCount} + 1 END`;
  return db
    .update(users)
    .set({
      failedLoginCount: newCount,
      lockedUntil: sql`CASE WHEN ${newCount} >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes})
        WHEN ${expired} THEN NULL ELSE ${users.lockedUntil} END`,
    })
    .where(eq(users.id, userId))
    .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil })
    .then((rows) => rows[0]!);
}

export function clearFailedLogins(db: Queryable, userId: string) {
  return db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, userId));
}

/** Per-IP failure window: counts failures in a rolling window and blocks the key once over the limit. */
export function recordIpFailure(db: Queryable, key: string, limit: number, windowMinutes: number) {
  const windowOver = sql`${loginThrottle.windowStartedAt} < now() - make_interval(mins => ${windowMinutes})`;
  return db
    .insert(loginThrottle)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${windowOver} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${windowOver} THEN now() ELSE ${loginThrottle.windowStartedAt} END`,
        blockedUntil: sql`CASE WHEN NOT ${windowOver} AND ${loginThrottle.failures} + 1 >= ${limit}
          THEN now() + make_interval(mins => ${windowMinutes}) ELSE ${loginThrottle.blockedUntil} END`,
      },
    });
}

export function findIpBlock(db: Queryable, key: string) {
  return db
    .select({ blockedUntil: loginThrottle.blockedUntil })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.key, key), sql`${loginThrottle.blockedUntil} > now()`))
    .then((rows) => rows[0]?.blockedUntil ?? null);
}

export function insertSession(db: Queryable, row: PgInsertValue<typeof sessions>) {
  return db.insert(sessions).values(row);
}

/**
 * A live session (not revoked, not past its absolute or idle expiry) with its user, the user's role
 * assignments and family links — everything authentication needs, in one round trip.
 */
export function findLiveSession(db: Queryable, id: string) {
  const ra = roleAssignments;
  const g = guardianships;
  return db
    .select({
      session: { id: sessions.id, lastSeenAt: sessions.lastSeenAt },
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        mobile: users.mobile,
        mustChangePassword: users.mustChangePassword,
        disabledAt: users.disabledAt,
      },
      assignments: sql<Assignment[]>`coalesce((SELECT json_agg(json_build_object(
          'role', ${q(ra.role)}, 'scopeKind', ${q(ra.scopeKind)}, 'districtId', ${q(ra.districtId)},
          'orgUnitId', ${q(ra.orgUnitId)}, 'classId', ${q(ra.classId)}))
        FROM ${ra} WHERE ${q(ra.userId)} = ${q(users.id)}), '[]'::json)`,
      familyKeys: sql<string[]>`array(SELECT ${q(g.districtId)} || ':' || ${q(g.studentId)}
        FROM ${g} WHERE ${q(g.guardianUserId)} = ${q(users.id)})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, id),
        sessionIsLive,
      ),
    )
    .limit(1)
    .then((rows) => rows[0]);
}

export function touchSession(db: Queryable, id: string) {
  return db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
}

export function revokeSession(db: Queryable, userId: string, id: string) {
  return db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
}

/** Revokes every live session of a user, optionally keeping one (the one changing the password). */
export function revokeUserSessions(db: Queryable, userId: string, keepId?: string) {
  return db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keepId ? sql`${sessions.id} <> ${keepId}` : undefined,
      ),
    );
}

export function listLiveSessions(db: Queryable, userId: string) {
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        sessionIsLive,
      ),
    )
    .orderBy(sql`${sessions.lastSeenAt} DESC`);
}

export function setPassword(db: Queryable, userId: string, passwordHash: string, mustChange: boolean) {
  return db
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: mustChange,
      passwordChangedAt: sql`now()`,
      failedLoginCount: 0,
      lockedUntil: null,
    })
    .where(eq(users.id, userId));
}

export function listAssignments(db: Queryable, userId: string) {
  return db
    .select({
      role: roleAssignments.role,
      scopeKind: roleAssignments.scopeKind,
      districtId: roleAssignments.districtId,
      orgUnitId: roleAssignments.orgUnitId,
      classId: roleAssignments.classId,
    })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
}

export function listFamilyStudentKeys(db: Queryable, userId: string) {
  return db
    .select({ districtId: guardianships.districtId, studentId: guardianships.studentId })
    .from(guardianships)
    .where(eq(guardianships.guardianUserId, userId));
}

/** Role assignments with the names of their nodes, for /me. */
export function listAssignmentsWithNames(db: Queryable, userId: string) {
  return db
    .select({
      role: roleAssignments.role,
      scopeKind: roleAssignments.scopeKind,
      districtId: roleAssignments.districtId,
      districtName: districts.name,
      orgUnitId: roleAssignments.orgUnitId,
      orgUnitName: orgUnits.name,
      classId: roleAssignments.classId,
      className: classes.name,
    })
    .from(roleAssignments)
    .leftJoin(districts, eq(districts.id, roleAssignments.districtId))
    .leftJoin(
      orgUnits,
      and(eq(orgUnits.districtId, roleAssignments.districtId), eq(orgUnits.id, roleAssignments.orgUnitId)),
    )
    .leftJoin(classes, and(eq(classes.districtId, roleAssignments.districtId), eq(classes.id, roleAssignments.classId)))
    .where(eq(roleAssignments.userId, userId))
    .orderBy(roleAssignments.role);
}

/** Classes a user teaches, with whether they are its 班主任 and how many students it has. */
export function listTeachingClasses(db: Queryable, userId: string) {
  return db
    .select({
      id: classes.id,
      name: classes.name,
      schoolName: orgUnits.name,
      gradeNumber: grades.gradeNumber,
      isHeadTeacher: sql<boolean>`bool_or(${roleAssignments.role} = 'headTeacher')`,
      studentCount: sql<number>`(SELECT count(*)::int FROM ${students} WHERE ${q(students.districtId)} = ${q(classes.districtId)} AND ${q(students.classId)} = ${q(classes.id)})`,
    })
    .from(roleAssignments)
    .innerJoin(classes, and(eq(classes.districtId, roleAssignments.districtId), eq(classes.id, roleAssignments.classId)))
    .innerJoin(grades, and(eq(grades.districtId, classes.districtId), eq(grades.id, classes.gradeId)))
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, classes.districtId), eq(orgUnits.id, classes.schoolId)))
    .where(and(eq(roleAssignments.userId, userId), sql`${roleAssignments.role} IN ('teacher', 'headTeacher')`))
    .groupBy(classes.districtId, classes.id, classes.name, orgUnits.name, grades.gradeNumber)
    .orderBy(grades.gradeNumber, classes.name);
}

/** Is this user inside `scope` (the policy's SQL over `users`)? */
export function isUserInScope(db: Queryable, scope: SQL, userId: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), scope))
    .then((rows) => rows.length > 0);
}

/** A page of the users inside `scope`, matching `q` on username, name or mobile. */
export async function listUsersInScope(db: Queryable, scope: SQL, filters: { q?: string; page: number; pageSize: number }) {
  const pattern = filters.q ? containsPattern(filters.q) : undefined;
  const where = and(
    scope,
    pattern ? or(ilike(users.username, pattern), ilike(users.displayName, pattern), ilike(users.mobile, pattern)) : undefined,
  );
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        lockedUntil: users.lockedUntil,
        roles: sql<string[]>`array(SELECT DISTINCT ${q(roleAssignments.role)}::text FROM ${roleAssignments} WHERE ${q(roleAssignments.userId)} = ${q(users.id)})`,
        isGuardian: sql<boolean>`EXISTS (SELECT 1 FROM ${guardianships} WHERE ${q(guardianships.guardianUserId)} = ${q(users.id)})`,
      })
      .from(users)
      .where(where)
      .orderBy(users.username)
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
