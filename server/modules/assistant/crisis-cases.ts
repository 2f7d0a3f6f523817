/** 危机跟进 — the district counsellor queue every crisis answer feeds. */
import { crisisCases } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { can, canAnywhere, grantsFor, type Actor } from '../policy/policy.js';
import { eq, or, sql, type SQL } from 'drizzle-orm';
import { caseStatusLabels, type CaseStatus } from '../../../shared/contract/safety.js';
import * as repo from './repository.js';

/** SQL scope of the cases an actor may handle: the districts their grants reach. */
function caseScope(actor: Actor): SQL {
  const grants = grantsFor(actor, 'crisis:handle');
  if (grants.some((g) => g.scopeKind === 'city')) return sql`true`;
  return or(...grants.map((g) => eq(crisisCases.districtId, g.districtId!))) ?? sql`false`;
}

type CaseRow = NonNullable<Awaited<ReturnType<typeof repo.findCase>>>;

function present(row: CaseRow, handlers: Map<string, string>) {
  return {
    id: row.id,
    districtId: row.districtId,
    categories: row.categories,
    excerpt: row.excerpt,
    status: row.status as 'open' | 'seen' | 'contacted' | 'closed',
    guardianName: row.guardianName,
    guardianMobile: row.guardianMobile,
    studentName: row.studentName,
    schoolName: row.schoolName,
    alertHeadTeacher: row.alertHeadTeacher,
    createdAt: row.createdAt.toISOString(),
    seenAt: row.seenAt?.toISOString() ?? null,
    contactedAt: row.contactedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    handledByName: row.handledBy ? (handlers.get(row.handledBy) ?? null) : null,
    note: row.note,
  };
}

export async function listQueue(db: Database, actor: Actor, status: string | undefined, ip: string) {
  if (!canAnywhere(actor, 'crisis:handle')) throw notFound('危机跟进队列');
  const rows = await repo.listCases(db, caseScope(actor), status);
  const handlers = await repo.userNames(db, [...new Set(rows.map((r) => r.handledBy).filter((x): x is string => !!x))]);
  await recordAudit(db, {
    actor,
    action: 'crisis.list',
    recordType: 'crisisCase',
    recordId: null,
    districtId: rows[0]?.districtId ?? null,
    purpose: '咨询师查看危机跟进队列',
    ip,
    detail: { count: rows.length, status: status ?? 'all' },
  });
  return rows.map((r) => present(r, handlers));
}

export async function advance(db: Database, actor: Actor, caseId: string, to: 'seen' | 'contacted' | 'closed', note: string | undefined, ip: string) {
  return db.transaction(async (tx) => {
    const row = await repo.findCase(tx, caseId);
    if (!row || !can(actor, 'crisis:handle', { districtId: row.districtId })) throw notFound('个案');
    const moved = await repo.advanceCase(tx, row.districtId, row.id, to, actor.userId, note);
    if (moved.length === 0) {
      throw new AppError('CONFLICT', `个案当前状态为“${statusLabel(row.status)}”，只能向后推进，不能改为“${statusLabel(to)}”`);
    }
    await recordAudit(tx, {
      actor,
      action: `crisis.${to}`,
      recordType: 'crisisCase',
      recordId: row.id,
      districtId: row.districtId,
      studentId: row.studentId,
      purpose: '危机个案跟进',
      ip,
    });
    const updated = (await repo.findCase(tx, caseId))!;
    return present(updated, await repo.userNames(tx, [actor.userId]));
  });
}

function statusLabel(status: string): string {
  return caseStatusLabels[status as CaseStatus] ?? status;
}

/** The guardian agrees that the head teacher be told (school-related risk); the counsellor sees the flag. */
export async function agreeToAlertHeadTeacher(db: Database, actor: Actor, caseId: string, ip: string) {
  const [row] = await repo.markAlertHeadTeacher(db, actor.userId, caseId);
  if (!row) throw notFound('个案');
  await recordAudit(db, {
    actor,
    action: 'crisis.alertHeadTeacher',
    recordType: 'crisisCase',
    recordId: row.id,
    districtId: row.districtId,
    studentId: row.studentId,
    purpose: '监护人同意通知班主任',
    ip,
  });
}
