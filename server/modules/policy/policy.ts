/**
 * The one policy module: "may this actor do this action on this record?" and "which rows may this actor
 * list?". Permissions are data (role → action → reach); both the in-memory check and the SQL scope are
 * derived from the same table, so a list can never show a row a direct read would refuse.
 */
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Role } from '../../../shared/contract/domain.js';
import { auditEvents, guardianships, roleAssignments, students } from '../../db/schema.js';

export type Action =
  | 'student:read'
  | 'student:update'
  | 'consent:decide'
  | 'audit:search'
  | 'org:read'
  | 'user:manage'
  | 'crisis:handle'
  | 'kb:edit'
  | 'resource:manage'
  | 'booking:attend'
  | 'booking:create'
  | 'unit:onboard'
  | 'taxonomy:edit'
  | 'directory:import';

/**
 * How far a role's grant reaches from the node it is assigned to:
 * family = the guardian's own children; node = the assigned node and everything below it;
 * district = the whole district the assigned node belongs to (a counsellor's room serves its district).
 */
export type Reach = 'family' | 'node' | 'district';

export const permissions = {
  guardian: { 'student:read': 'family', 'consent:decide': 'family', 'booking:create': 'family' },
  teacher: { 'student:read': 'node' },
  headTeacher: { 'student:read': 'node', 'student:update': 'node' },
  schoolAdmin: {
    'student:read': 'node',
    'student:update': 'node',
    'audit:search': 'node',
    'org:read': 'node',
    'user:manage': 'node',
  },
  districtAdmin: {
    'crisis:handle': 'node',
    'kb:edit': 'node',
    'resource:manage': 'node',
    'booking:attend': 'node',
    'unit:onboard': 'node',
    'taxonomy:edit': 'node',
    'directory:import': 'node',
    'student:read': 'node',
    'student:update': 'node',
    'audit:search': 'node',
    'org:read': 'node',
    'user:manage': 'node',
  },
  // 市教委 is read-mostly: it sees the whole city but corrects records through the districts.
  cityAdmin: {
    'student:read': 'node',
    'audit:search': 'node',
    'org:read': 'node',
    'user:manage': 'node',
    'kb:edit': 'node',
    'taxonomy:edit': 'node',
    'directory:import': 'node',
  },
  // A venue's staff run their own unit's listings and door; they never see a child's school records.
  resourceStaff: { 'resource:manage': 'node', 'booking:attend': 'node' },
  counselor: { 'crisis:handle': 'district' },
  volunteer: {},
} as const satisfies Record<Role, Partial<Record<Action, Reach>>>;

/** A role held on a node; guardians hold theirs through family relations (`familyStudentIds`). */
export interface Assignment {
  role: Role;
  scopeKind: 'city' | 'district' | 'unit' | 'class';
  districtId: string | null;
  orgUnitId: string | null;
  classId: string | null;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  assignments: Assignment[];
  /** `${districtId}:${studentId}` of the children this user is a guardian of. */
  familyStudentKeys: Set<string>;
}

/** Where a record sits in the organisation tree. */
export interface RecordLocation {
  districtId: string | null;
  /** The org unit the record belongs to: a school for student records, a resource unit for listings. */
  schoolId?: string | null;
  classId?: string | null;
  studentId?: string | null;
}

function grants(role: Role, action: Action): Reach | undefined {
  return (permissions[role] as Partial<Record<Action, Reach>>)[action];
}

/**
 * The actor's assignments that grant `action`, widened to the node they reach (family grants are handled
 * separately): a 'district' reach from a unit becomes that unit's whole district.
 */
function nodeGrants(actor: Actor, action: Action): Assignment[] {
  return actor.assignments.flatMap((a): Assignment[] => {
    const reach = grants(a.role, action);
    if (reach === 'node') return [a];
    if (reach === 'district') {
      return [a.scopeKind === 'city' ? a : { ...a, scopeKind: 'district', orgUnitId: null, classId: null }];
    }
    return [];
  });
}

export function isGuardian(actor: Actor): boolean {
  return actor.familyStudentKeys.size > 0;
}

function familyGrant(actor: Actor, action: Action): boolean {
  return isGuardian(actor) && grants('guardian', action) === 'family';
}

/** Is `record` at or below the node of `assignment`? */
function covers(assignment: Assignment, record: RecordLocation): boolean {
  switch (assignment.scopeKind) {
    case 'city':
      return true;
    case 'district':
      return record.districtId === assignment.districtId;
    case 'unit':
      return record.districtId === assignment.districtId && record.schoolId === assignment.orgUnitId;
    case 'class':
      return record.districtId === assignment.districtId && record.classId === assignment.classId;
  }
}

/** May `actor` do `action` on the record at `location`? */
export function can(actor: Actor, action: Action, location: RecordLocation): boolean {
  if (
    familyGrant(actor, action) &&
    location.studentId &&
    actor.familyStudentKeys.has(`${location.districtId}:${location.studentId}`)
  ) {
    return true;
  }
  return nodeGrants(actor, action).some((a) => covers(a, location));
}

/** May `actor` do `action` anywhere at all? (Navigation; each record is still checked.) */
export function canAnywhere(actor: Actor, action: Action): boolean {
  return familyGrant(actor, action) || nodeGrants(actor, action).length > 0;
}

/** The assignments through which `actor` reaches a node, for tree browsing. */
export function grantsFor(actor: Actor, action: Action): Assignment[] {
  return nodeGrants(actor, action);
}

const FALSE = sql`false`;

/** SQL condition on `students` selecting exactly the rows `can(actor, action, …)` allows. */
export function studentScope(actor: Actor, action: Action): SQL {
  const conditions: SQL[] = [];
  if (familyGrant(actor, action)) {
    conditions.push(
      sql`(${students.districtId}, ${students.id}) IN (SELECT ${guardianships.districtId}, ${guardianships.studentId} FROM ${guardianships} WHERE ${guardianships.guardianUserId} = ${actor.userId})`,
    );
  }
  for (const a of nodeGrants(actor, action)) {
    conditions.push(
      nodeCondition(a, { districtId: students.districtId, schoolId: students.schoolId, classId: students.classId }),
    );
  }
  return or(...conditions) ?? FALSE;
}

/** SQL condition on `audit_events` for what `actor` may search. */
export function auditScope(actor: Actor): SQL {
  const conditions = nodeGrants(actor, 'audit:search').map((a) =>
    nodeCondition(a, { districtId: auditEvents.districtId, schoolId: auditEvents.schoolId, classId: null }),
  );
  return or(...conditions) ?? FALSE;
}

/**
 * SQL condition on a table that belongs to an org unit (resources: district_id, org_unit_id) for the rows
 * `can(actor, action, {districtId, schoolId: unit})` allows. Family grants do not apply to units.
 */
export function unitScope(actor: Actor, action: Action, districtId: AnyPgColumn, orgUnitId: AnyPgColumn): SQL {
  const conditions = nodeGrants(actor, action).map((a) =>
    nodeCondition(a, { districtId, schoolId: orgUnitId, classId: null }),
  );
  return or(...conditions) ?? FALSE;
}

type Columns = { districtId: AnyPgColumn; schoolId: AnyPgColumn; classId: AnyPgColumn | null };

function nodeCondition(a: Assignment, c: Columns): SQL {
  switch (a.scopeKind) {
    case 'city':
      return sql`true`;
    case 'district':
      return eq(c.districtId, a.districtId!);
    case 'unit':
      return and(eq(c.districtId, a.districtId!), eq(c.schoolId, a.orgUnitId!))!;
    case 'class':
      return c.classId ? and(eq(c.districtId, a.districtId!), eq(c.classId, a.classId!))! : FALSE;
  }
}

/**
 * SQL condition on `users` (aliased as the outer `users` table) selecting accounts whose entire authority
 * lies inside the actor's `user:manage` reach: every role they hold and every child they are guardian of.
 * This stops a school admin from resetting the password of a district admin who is also a parent there.
 */
export function manageableUserScope(actor: Actor, userIdColumn: AnyPgColumn): SQL {
  const reach = nodeGrants(actor, 'user:manage');
  if (reach.length === 0) return FALSE;
  if (reach.some((a) => a.scopeKind === 'city')) return sql`true`;
  const assignmentInReach = or(
    ...reach.map((a) =>
      a.scopeKind === 'district'
        ? eq(roleAssignments.districtId, a.districtId!)
        : and(eq(roleAssignments.districtId, a.districtId!), eq(roleAssignments.orgUnitId, a.orgUnitId!))!,
    ),
  )!;
  const studentInReach = or(
    ...reach.map((a) =>
      a.scopeKind === 'district'
        ? eq(students.districtId, a.districtId!)
        : and(eq(students.districtId, a.districtId!), eq(students.schoolId, a.orgUnitId!))!,
    ),
  )!;
  const uid = userIdColumn;
  // coalesce: a NULL org_unit_id compared with a school id is NULL, and NOT NULL would let it slip through.
  return sql`(
    NOT EXISTS (SELECT 1 FROM ${roleAssignments} WHERE ${roleAssignments.userId} = ${uid} AND NOT coalesce(${assignmentInReach}, false))
    AND NOT EXISTS (
      SELECT 1 FROM ${guardianships} JOIN ${students} ON ${students.districtId} = ${guardianships.districtId} AND ${students.id} = ${guardianships.studentId}
      WHERE ${guardianships.guardianUserId} = ${uid} AND NOT coalesce(${studentInReach}, false))
    AND (
      EXISTS (SELECT 1 FROM ${roleAssignments} WHERE ${roleAssignments.userId} = ${uid})
      OR EXISTS (SELECT 1 FROM ${guardianships} WHERE ${guardianships.guardianUserId} = ${uid})
    )
  )`;
}

/** Role codes for audit rows, e.g. "headTeacher,teacher". */
export function describeRoles(actor: Actor): string {
  const roles = new Set<string>(actor.assignments.map((a) => a.role));
  if (isGuardian(actor)) roles.add('guardian');
  return [...roles].sort().join(',');
}
