/** 账户 — sign-in, sessions, passwords, and turning a session cookie into an Actor. */
import { sql } from 'drizzle-orm';
import type { Database, Queryable } from '../../db/client.js';
import type { Me } from '../../../shared/contract/identity.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { canAnywhere, type Actor, type Assignment } from '../policy/policy.js';
import { listChildrenOfGuardian } from '../students/repository.js';
import { DUMMY_HASH, generateTemporaryPassword, hashPassword, verifyPassword } from './password.js';
import * as repo from './repository.js';
import { lifetimeFor, newSessionToken, TOUCH_AFTER_MS } from './sessions.js';

export const LOGIN_LIMITS = {
  maxFailuresPerAccount: 5,
  lockMinutes: 15,
  maxFailuresPerIp: 30,
  ipWindowMinutes: 15,
} as const;

const WRONG_CREDENTIALS = '用户名或密码错误';

function formatTime(date: Date): string {
  return date.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });
}

function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError(
    'ACCOUNT_LOCKED',
    `密码连续输错 ${LOGIN_LIMITS.maxFailuresPerAccount} 次，账户已锁定 ${LOGIN_LIMITS.lockMinutes} 分钟，请在 ${formatTime(until)} 后（约 ${minutes} 分钟）再试，或联系管理员重置密码`,
    undefined,
    { 'retry-after': String(minutes * 60) },
  );
}

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

/**
 * Checks the password with per-account lockout and per-IP throttling; on success opens a session.
 * Returns the cookie token and how long it lives.
 */
export async function login(db: Database, input: { username: string; password: string }, client: ClientInfo) {
  const ipKey = `ip:${client.ip}`;
  const ipBlockedUntil = await repo.findIpBlock(db, ipKey);
  if (ipBlockedUntil) {
    throw new AppError('TOO_MANY_REQUESTS', `此网络的登录失败次数过多，请在 ${formatTime(ipBlockedUntil)} 后再试`, undefined, {
      'retry-after': String(Math.ceil((ipBlockedUntil.getTime() - Date.now()) / 1000)),
    });
  }

  const user = await repo.findUserByLogin(db, input.username);
  if (user?.lockedUntil && user.lockedUntil > new Date()) throw lockedError(user.lockedUntil);

  const usable = user && user.passwordHash && !user.disabledAt;
  // Always pay for one hash so timing does not reveal whether the account exists.
  const passwordOk = await verifyPassword(input.password, usable ? user.passwordHash! : DUMMY_HASH);

  if (!usable || !passwordOk) {
    await repo.recordIpFailure(db, ipKey, LOGIN_LIMITS.maxFailuresPerIp, LOGIN_LIMITS.ipWindowMinutes);
    await recordAudit(db, {
      actor: null,
      action: 'auth.login',
      outcome: 'denied',
      recordType: 'user',
      recordId: user?.id ?? null,
      purpose: '登录',
      ip: client.ip,
      detail: { reason: usable ? 'wrong_password' : 'unknown_or_inactive_account' },
    });
    if (!user || !usable) throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    const state = await repo.recordFailedLogin(
      db,
      user.id,
      LOGIN_LIMITS.maxFailuresPerAccount,
      LOGIN_LIMITS.lockMinutes,
    );
    if (state.lockedUntil && state.lockedUntil > new Date()) throw lockedError(state.lockedUntil);
    const left = LOGIN_LIMITS.maxFailuresPerAccount - state.failedLoginCount;
    throw new AppError('UNAUTHENTICATED', `${WRONG_CREDENTIALS}，再错 ${left} 次账户将被锁定 ${LOGIN_LIMITS.lockMinutes} 分钟`);
  }

  const actor = await loadActor(db, user);
  const lifetime = lifetimeFor(actor.assignments);
  const { token, id } = newSessionToken();
  await db.transaction(async (tx) => {
    await repo.clearFailedLogins(tx, user.id);
    await repo.insertSession(tx, {
      id,
      userId: user.id,
      idleTimeoutSeconds: lifetime.idleSeconds,
      expiresAt: sql`now() + make_interval(secs => ${lifetime.absoluteSeconds})`,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, {
      actor,
      action: 'auth.login',
      recordType: 'user',
      recordId: user.id,
      purpose: '登录',
      ip: client.ip,
    });
  });
  return { token, sessionId: id, actor, maxAgeSeconds: lifetime.absoluteSeconds };
}

/** Builds the Actor (roles and family links) the policy module decides with. */
export async function loadActor(
  db: Queryable,
  user: { id: string; username: string; displayName: string },
): Promise<Actor> {
  const [assignments, family] = await Promise.all([
    repo.listAssignments(db, user.id),
    repo.listFamilyStudentKeys(db, user.id),
  ]);
  return toActor(user, assignments, family.map((f) => `${f.districtId}:${f.studentId}`));
}

function toActor(
  user: { id: string; username: string; displayName: string },
  assignments: Assignment[],
  familyKeys: string[],
): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    // Guardianship is a family relation, not a node role; a stray 'guardian' assignment grants nothing.
    assignments: assignments.filter((a) => a.role !== 'guardian'),
    familyStudentKeys: new Set(familyKeys),
  };
}

/** Resolves a session id to its actor (one query), or null if unknown, revoked or expired. Touches idle time. */
export async function authenticateSession(db: Database, sessionId: string) {
  const row = await repo.findLiveSession(db, sessionId);
  if (!row || row.user.disabledAt) return null;
  if (Date.now() - new Date(row.session.lastSeenAt).getTime() > TOUCH_AFTER_MS) await repo.touchSession(db, sessionId);
  return {
    actor: toActor(row.user, row.assignments, row.familyKeys),
    session: { id: row.session.id, lastSeenAt: row.session.lastSeenAt },
  };
}

export async function logout(db: Database, actor: Actor | null, sessionId: string, ip: string) {
  if (!actor) return;
  await repo.revokeSession(db, actor.userId, sessionId);
  await recordAudit(db, { actor, action: 'auth.logout', recordType: 'user', recordId: actor.userId, purpose: '退出登录', ip });
}

/** GET /me: who I am, where my roles apply, my children (audited: it shows minors' data) and my classes. */
export async function describeMe(db: Database, actor: Actor, ip: string): Promise<Me> {
  const [user, roles, children, classes] = await Promise.all([
    repo.findUserById(db, actor.userId),
    repo.listAssignmentsWithNames(db, actor.userId),
    actor.familyStudentKeys.size ? listChildrenOfGuardian(db, actor.userId) : Promise.resolve([]),
    actor.assignments.some((a) => a.role === 'teacher' || a.role === 'headTeacher')
      ? repo.listTeachingClasses(db, actor.userId)
      : Promise.resolve([]),
  ]);
  if (!user) throw new AppError('UNAUTHENTICATED', '账户不存在，请重新登录');
  if (children.length) {
    await recordAudit(db, {
      actor,
      action: 'student.summary',
      recordType: 'student',
      recordId: children.map((c) => c.id).join(','),
      districtId: children[0]!.districtId,
      schoolId: children[0]!.schoolId,
      studentId: children.length === 1 ? children[0]!.id : null,
      purpose: '家长查看本人子女信息',
      ip,
      detail: { studentIds: children.map((c) => c.id) },
    });
  }
  const nodeRoles = roles.filter((r) => r.role !== 'guardian');
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      mobile: user.mobile,
      mustChangePassword: user.mustChangePassword,
    },
    roles: [
      ...(children.length
        ? [{ role: 'guardian' as const, scopeKind: null, districtId: null, districtName: null, orgUnitId: null, orgUnitName: null, classId: null, className: null }]
        : []),
      ...nodeRoles,
    ],
    children: children.map(({ districtId: _d, schoolId: _s, ...child }) => child),
    classes,
    can: {
      viewOrgTree: canAnywhere(actor, 'org:read'),
      searchAudit: canAnywhere(actor, 'audit:search'),
      manageUsers: canAnywhere(actor, 'user:manage'),
      searchStudents: actor.assignments.some((a) => a.role !== 'teacher' && a.role !== 'headTeacher') &&
        canAnywhere(actor, 'student:read'),
      manageResources: canAnywhere(actor, 'resource:manage'),
      bookResources: canAnywhere(actor, 'booking:create'),
      onboardUnits: canAnywhere(actor, 'unit:onboard'),
      editTaxonomy: canAnywhere(actor, 'taxonomy:edit'),
    },
  };
}

export async function listSessions(db: Database, actor: Actor, currentId: string) {
  const rows = await repo.listLiveSessions(db, actor.userId);
  return rows.map((s) => ({
    id: s.id,
    current: s.id === currentId,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    idleExpiresAt: new Date(
      Math.min(s.expiresAt.getTime(), s.lastSeenAt.getTime() + s.idleTimeoutSeconds * 1000),
    ).toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
  }));
}

export async function endSession(db: Database, actor: Actor, sessionId: string, ip: string) {
  const revoked = await repo.revokeSession(db, actor.userId, sessionId);
  if (revoked.length === 0) throw notFound('会话');
  await recordAudit(db, { actor, action: 'auth.session.revoke', recordType: 'session', recordId: sessionId, purpose: '结束会话', ip });
}

export async function changePassword(
  db: Database,
  actor: Actor,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
  ip: string,
) {
  const user = await repo.findUserById(db, actor.userId);
  if (!user?.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('VALIDATION_FAILED', '当前密码不正确', [{ path: 'body.currentPassword', message: '当前密码不正确' }]);
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError('VALIDATION_FAILED', '新密码不能与当前密码相同', [{ path: 'body.newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await repo.setPassword(tx, actor.userId, hash, false);
    await repo.revokeUserSessions(tx, actor.userId, currentSessionId);
    await recordAudit(tx, { actor, action: 'auth.password.change', recordType: 'user', recordId: actor.userId, purpose: '修改密码', ip });
  });
}

/** Admin reset: a one-time password the user must change; all their sessions end. */
export async function resetPassword(db: Database, actor: Actor, targetUserId: string, ip: string, isManageable: (tx: Queryable) => Promise<boolean>) {
  const temporaryPassword = generateTemporaryPassword();
  const hash = await hashPassword(temporaryPassword);
  await db.transaction(async (tx) => {
    if (!(await isManageable(tx))) throw notFound('用户');
    await repo.setPassword(tx, targetUserId, hash, true);
    await repo.revokeUserSessions(tx, targetUserId);
    await recordAudit(tx, { actor, action: 'user.password.reset', recordType: 'user', recordId: targetUserId, purpose: '管理员重置密码', ip });
  });
  return { temporaryPassword };
}
