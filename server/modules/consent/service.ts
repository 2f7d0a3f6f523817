/** 监护人同意 — recorded per child, per purpose, with the notice version; profile features check it. */
import { sql } from 'drizzle-orm';
import { PROFILE_CONSENT } from '../../../shared/contract/domain.js';
import type { Database, Queryable } from '../../db/client.js';
import { students } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import type { Actor } from '../policy/policy.js';
import { findProfileConsentGranted } from '../students/repository.js';
import * as repo from './repository.js';

type Located = { id: string; districtId: string; schoolId: string };

export async function consentState(db: Queryable, student: Located) {
  const history = await repo.listConsentHistory(db, student.districtId, student.id, PROFILE_CONSENT.purpose);
  const latest = history[0];
  return {
    current: {
      granted: latest?.decision === 'granted' && latest.policyVersion === PROFILE_CONSENT.version,
      policyVersion: PROFILE_CONSENT.version,
      decidedAt: latest ? latest.decidedAt.toISOString() : null,
    },
    history: history.map((h) => ({
      id: h.id,
      decision: h.decision as 'granted' | 'withdrawn',
      policyVersion: h.policyVersion,
      decidedAt: h.decidedAt.toISOString(),
      guardianName: h.guardianName,
    })),
  };
}

/**
 * Records a guardian's decision. Runs under a row lock on the student so two parents (or a retried
 * request) cannot both "grant" at once: a decision equal to the current state is refused, nothing added.
 */
export async function decide(
  db: Database,
  actor: Actor,
  student: Located,
  input: { decision: 'granted' | 'withdrawn'; policyVersion: number },
  ip: string,
) {
  if (input.policyVersion !== PROFILE_CONSENT.version) {
    throw new AppError('CONFLICT', `告知书已更新为第 ${PROFILE_CONSENT.version} 版，请阅读最新版本后再提交`);
  }
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT 1 FROM ${students} WHERE ${students.districtId} = ${student.districtId} AND ${students.id} = ${student.id} FOR UPDATE`,
    );
    const granted = await findProfileConsentGranted(tx, student.districtId, student.id);
    if (input.decision === 'granted' && granted) throw new AppError('CONFLICT', '您已同意当前版本的告知书，无需重复提交');
    if (input.decision === 'withdrawn' && !granted) throw new AppError('CONFLICT', '目前没有有效的同意，无需撤回');
    await repo.insertConsent(tx, {
      districtId: student.districtId,
      studentId: student.id,
      guardianUserId: actor.userId,
      purpose: PROFILE_CONSENT.purpose,
      policyVersion: input.policyVersion,
      decision: input.decision,
      ip,
    });
    await recordAudit(tx, {
      actor,
      action: 'consent.decide',
      recordType: 'consent',
      recordId: student.id,
      districtId: student.districtId,
      schoolId: student.schoolId,
      studentId: student.id,
      purpose: input.decision === 'granted' ? '监护人同意处理儿童个人信息' : '监护人撤回同意',
      ip,
      detail: { decision: input.decision, policyVersion: input.policyVersion },
    });
    return consentState(tx, student);
  });
}

/**
 * The gate every profile feature calls before touching a child's profile data: without the guardian's
 * consent to the current notice the feature stays off for that child.
 */
export async function assertProfileConsent(db: Queryable, student: Located): Promise<void> {
  if (!(await findProfileConsentGranted(db, student.districtId, student.id))) {
    throw new AppError('CONSENT_REQUIRED', '监护人尚未同意当前版本的《儿童个人信息处理告知书》，该功能对这名学生暂不可用');
  }
}
