/** 学生 — reading and correcting a child's record, always through the policy module, always audited. */
import type { Database, Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../http/errors.js';
import { defaultPurpose, recordAudit, recordAuditMany } from '../audit/service.js';
import { consentState } from '../consent/service.js';
import { can, studentScope, type Action, type Actor } from '../policy/policy.js';
import { presentStudent } from './presenter.js';
import * as repo from './repository.js';

export type StudentRow = NonNullable<Awaited<ReturnType<typeof repo.unsafeFindStudentById>>>;

const location = (s: StudentRow) => ({
  districtId: s.districtId,
  schoolId: s.schoolId,
  classId: s.classId,
  studentId: s.id,
});

/**
 * Loads a student the actor may act on. A record outside the actor's read scope answers 404 exactly like
 * a missing one; a record they may read but not change answers 403. Refusals are audited too.
 */
export async function loadAuthorized(db: Queryable, actor: Actor, studentId: string, action: Action, ip: string) {
  const student = await repo.unsafeFindStudentById(db, studentId);
  if (student && can(actor, action, location(student))) return student;
  await recordAudit(db, {
    actor,
    action: `student.${action.split(':')[1]}`,
    outcome: 'denied',
    recordType: 'student',
    recordId: studentId,
    districtId: student?.districtId ?? null,
    schoolId: student?.schoolId ?? null,
    studentId: student?.id ?? null,
    purpose: defaultPurpose(actor),
    ip,
  });
  if (student && action !== 'student:read' && can(actor, 'student:read', location(student))) {
    throw new AppError('FORBIDDEN', '您可以查看这名学生，但无权执行此操作');
  }
  throw notFound('学生');
}

async function detail(db: Queryable, actor: Actor, student: StudentRow) {
  const [guardians, consent] = await Promise.all([
    repo.listGuardians(db, student.districtId, student.id),
    consentState(db, student),
  ]);
  return presentStudent(student, guardians, consent.current, {
    isStaff: actor.assignments.length > 0,
    allowed: {
      update: can(actor, 'student:update', location(student)),
      manageConsent: can(actor, 'consent:decide', location(student)),
    },
  });
}

export async function readStudent(db: Database, actor: Actor, studentId: string, purpose: string | undefined, ip: string) {
  const student = await loadAuthorized(db, actor, studentId, 'student:read', ip);
  await recordAudit(db, {
    actor,
    action: 'student.read',
    recordType: 'student',
    recordId: student.id,
    districtId: student.districtId,
    schoolId: student.schoolId,
    studentId: student.id,
    purpose: purpose || defaultPurpose(actor),
    ip,
  });
  return detail(db, actor, student);
}

export async function updateStudent(
  db: Database,
  actor: Actor,
  studentId: string,
  patch: { name?: string; gender?: 'male' | 'female'; birthDate?: string },
  ip: string,
) {
  if (patch.birthDate && (patch.birthDate > new Date().toISOString().slice(0, 10) || patch.birthDate < '1990-01-01')) {
    throw new AppError('VALIDATION_FAILED', '出生日期不合理', [{ path: 'body.birthDate', message: '出生日期不合理' }]);
  }
  return db.transaction(async (tx) => {
    const student = await loadAuthorized(tx, actor, studentId, 'student:update', ip);
    await repo.updateStudent(tx, student.districtId, student.id, patch);
    await recordAudit(tx, {
      actor,
      action: 'student.update',
      recordType: 'student',
      recordId: student.id,
      districtId: student.districtId,
      schoolId: student.schoolId,
      studentId: student.id,
      purpose: '更正学生基本信息',
      ip,
      detail: { fields: Object.keys(patch) },
    });
    const updated = await repo.unsafeFindStudentById(tx, student.id);
    return detail(tx, actor, updated!);
  });
}

export async function searchStudents(
  db: Database,
  actor: Actor,
  filters: { q?: string; classId?: string; schoolId?: string; page: number; pageSize: number },
  ip: string,
) {
  const result = await repo.searchStudents(db, studentScope(actor, 'student:read'), filters);
  await auditStudentsSeen(db, actor, 'student.list', result.items, ip, filters.q ? { q: filters.q } : undefined);
  return result;
}

/** One audit row per student shown in a list: each child's record was read, not just "a list". */
function auditStudentsSeen(
  db: Queryable,
  actor: Actor,
  action: string,
  rows: { id: string; districtId: string; schoolId: string }[],
  ip: string,
  detail?: Record<string, unknown>,
) {
  return recordAuditMany(
    db,
    rows.map((s) => ({
      actor,
      action,
      recordType: 'student',
      recordId: s.id,
      districtId: s.districtId,
      schoolId: s.schoolId,
      studentId: s.id,
      purpose: defaultPurpose(actor),
      ip,
      detail,
    })),
  );
}

export async function classRoster(db: Database, actor: Actor, classId: string, ip: string) {
  const klass = await repo.findClass(db, classId);
  const reach = klass && can(actor, 'student:read', { districtId: klass.districtId, schoolId: klass.schoolId, classId: klass.id });
  if (!klass || !reach) {
    await recordAudit(db, { actor, action: 'class.roster', outcome: 'denied', recordType: 'class', recordId: classId, purpose: defaultPurpose(actor), ip });
    throw notFound('班级');
  }
  const items = await repo.listRoster(db, klass.districtId, klass.id);
  await auditStudentsSeen(db, actor, 'class.roster', items, ip);
  return { klass, items };
}
