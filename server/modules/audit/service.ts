/** 审计 — every read or change of a minor's record and every sign-in leaves a row here. */
import type { Queryable } from '../../db/client.js';
import { auditEvents } from '../../db/schema.js';
import { describeRoles, type Actor } from '../policy/policy.js';

export interface AuditEntry {
  actor: Actor | null;
  action: string;
  outcome?: 'allowed' | 'denied';
  recordType: string;
  recordId?: string | null;
  districtId?: string | null;
  schoolId?: string | null;
  studentId?: string | null;
  purpose: string;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes one audit row; call inside the same transaction as the change it records. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values(toRow(entry));
}

/** Writes many rows at once (e.g. a roster read: one row per student seen). */
export async function recordAuditMany(db: Queryable, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditEvents).values(entries.map(toRow));
}

function toRow(entry: AuditEntry): typeof auditEvents.$inferInsert {
  return {
    actorUserId: entry.actor?.userId ?? null,
    actorName: entry.actor?.displayName ?? null,
    actorRoles: entry.actor ? describeRoles(entry.actor) : 'anonymous',
    action: entry.action,
    outcome: entry.outcome ?? 'allowed',
    recordType: entry.recordType,
    recordId: entry.recordId ?? null,
    districtId: entry.districtId ?? null,
    schoolId: entry.schoolId ?? null,
    studentId: entry.studentId ?? null,
    purpose: entry.purpose,
    ip: entry.ip ?? null,
    detail: entry.detail ?? null,
  };
}

/** The purpose written when the caller gives none: what this kind of user normally reads records for. */
export function defaultPurpose(actor: Actor): string {
  if (actor.assignments.length === 0) return '家长查看本人子女信息';
  const roles = new Set(actor.assignments.map((a) => a.role));
  if (roles.has('teacher') || roles.has('headTeacher')) return '班级教育教学管理';
  return '教育行政管理';
}
