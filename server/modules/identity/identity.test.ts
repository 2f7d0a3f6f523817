import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditEvents, sessions, users } from '../../db/schema.js';
import { createTestContext, type TestContext } from '../../test/harness.js';
import { DEMO_PASSWORD } from '../../../shared/demo.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const login = (username: unknown, password: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

describe('login', () => {
  it('signs in by username or mobile and sets a hardened session cookie', async () => {
    const res = await login('parent1', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gy_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    // 256-bit token, base64url
    expect(Buffer.from(cookie.value, 'base64url').length).toBeGreaterThanOrEqual(16);
    const body = res.json();
    expect(body.user.username).toBe('parent1');
    expect(body.children).toHaveLength(1);

    const byMobile = await login(body.user.mobile, DEMO_PASSWORD);
    expect(byMobile.statusCode).toBe(200);
  });

  it('stores only a hash of the session token', async () => {
    const res = await login('teacher1', DEMO_PASSWORD);
    const token = res.cookies.find((c) => c.name === 'gy_session')!.value;
    const found = await ctx.db.select().from(sessions).where(eq(sessions.id, token));
    expect(found).toHaveLength(0);
  });

  it('answers 401 without a session and for a forged cookie', async () => {
    const none = await ctx.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().detail).toBe('请先登录');
    const forged = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'gy_session=forged' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().detail).toBe('登录已过期，请重新登录');
  });

  it('an unauthenticated caller gets 401 before any validation detail', async () => {
    const res = await ctx.app.inject({ method: 'PATCH', url: '/api/v1/students/not-a-uuid', payload: { name: 1 } });
    expect(res.statusCode).toBe(401);
  });

  it('wrong password five times locks the account for 15 minutes, with a message that says so', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await login('school1', 'wrong-password');
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe(`用户名或密码错误，再错 ${5 - i} 次账户将被锁定 15 分钟`);
    }
    const fifth = await login('school1', 'wrong-password');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().detail).toMatch(/^密码连续输错 5 次，账户已锁定 15 分钟/);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(800);
    // Even the right password is refused while locked.
    const locked = await login('school1', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(423);

    // Once the lock has run out, the right password works and the counter resets.
    await ctx.db.update(users).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(users.username, 'school1'));
    expect((await login('school1', DEMO_PASSWORD)).statusCode).toBe(200);
    const [row] = await ctx.db.select().from(users).where(eq(users.username, 'school1'));
    expect(row!.failedLoginCount).toBe(0);
    expect(row!.lockedUntil).toBeNull();
  });

  it('unknown accounts get the same message as wrong passwords', async () => {
    const res = await login('nobody-here', 'whatever');
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('用户名或密码错误');
  });

  it('throttles one IP that fails against many accounts', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.9' };
    // Without TRUST_PROXY the header is ignored, so the throttle keys on the socket address: use a distinct one.
    const app = ctx.app;
    let last = 0;
    for (let i = 0; i < 31; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `ghost${i}`, password: 'x' },
        remoteAddress: '203.0.113.9',
        headers: ip,
      });
      last = res.statusCode;
      if (res.statusCode === 429) {
        expect(res.json().detail).toMatch(/^此网络的登录失败次数过多/);
        break;
      }
    }
    expect(last).toBe(429);
    // Other addresses are unaffected.
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'parent2', password: DEMO_PASSWORD },
      remoteAddress: '198.51.100.7',
    });
    expect(other.statusCode).toBe(200);
    // 31 password checks (scrypt) take a while on a loaded 2-core runner.
  }, 90_000);

  it('validates the body in Chinese', async () => {
    const res = await login(undefined, 42);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.password', 'body.username']);
    expect(body.detail).toContain('密码必须是文本');
  });

  it('records sign-ins and failures in the audit log', async () => {
    const rows = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login'));
    expect(rows.some((r) => r.outcome === 'allowed')).toBe(true);
    expect(rows.some((r) => r.outcome === 'denied')).toBe(true);
  });
});

describe('sessions', () => {
  it('lists my sessions, ends another one, and logout revokes the current one', async () => {
    const a = await ctx.login('parent2');
    await ctx.login('parent2');
    const list = await ctx.as(a, { method: 'GET', url: '/api/v1/me/sessions' });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean }[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);

    const other = items.find((s) => !s.current)!;
    const end = await ctx.as(a, { method: 'DELETE', url: `/api/v1/me/sessions/${other.id}` });
    expect(end.statusCode).toBe(204);
    // Ending it twice, or someone else's, answers 404.
    expect((await ctx.as(a, { method: 'DELETE', url: `/api/v1/me/sessions/${other.id}` })).statusCode).toBe(404);
    const bad = await ctx.as(a, { method: 'DELETE', url: '/api/v1/me/sessions/xyz' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('会话编号格式不正确');

    const me = await ctx.as(a, { method: 'GET', url: '/api/v1/me' });
    expect(me.statusCode).toBe(200);
    expect((await ctx.as(a, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await ctx.as(a, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('staff sessions expire after 30 minutes idle; guardian sessions last longer', async () => {
    const staff = await ctx.login('district1');
    const parent = await ctx.login('parent1');
    await ctx.db.update(sessions).set({ lastSeenAt: sql`now() - interval '31 minutes'` });
    expect((await ctx.as(staff, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await ctx.as(parent, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('staff sessions end 12 hours after sign-in however active', async () => {
    const staff = await ctx.login('city1');
    const [s] = await ctx.db.select().from(sessions).orderBy(sql`${sessions.createdAt} DESC`).limit(1);
    expect(s!.expiresAt.getTime() - s!.createdAt.getTime()).toBe(12 * 3600 * 1000);
    expect(s!.idleTimeoutSeconds).toBe(30 * 60);
    await ctx.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.id, s!.id));
    expect((await ctx.as(staff, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });
});

describe('passwords', () => {
  it('changing my password needs the current one and ends my other sessions', async () => {
    const a = await ctx.login('counselor1');
    const b = await ctx.login('counselor1');
    const wrong = await ctx.as(a, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'nope', newPassword: 'NewSecret2027' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toBe('当前密码不正确');
    const weak = await ctx.as(a, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().detail).toContain('新密码至少 10 位');
    const ok = await ctx.as(a, {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'NewSecret2027' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await ctx.as(a, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    expect((await ctx.as(b, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await login('counselor1', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login('counselor1', 'NewSecret2027')).statusCode).toBe(200);
  });

  it('an admin resets the password of an account inside their subtree only', async () => {
    const school = await ctx.login('school1');
    const teacher1 = (await ctx.db.select().from(users).where(eq(users.username, 'teacher1')))[0]!;
    const district1 = (await ctx.db.select().from(users).where(eq(users.username, 'district1')))[0]!;
    const parent2 = (await ctx.db.select().from(users).where(eq(users.username, 'parent2')))[0]!;
    const teacherSession = await ctx.login('teacher1');

    const list = await ctx.as(school, { method: 'GET', url: '/api/v1/users?q=teacher' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((u: { username: string }) => u.username)).toContain('teacher1');

    const reset = await ctx.as(school, { method: 'POST', url: `/api/v1/users/${teacher1.id}/password-reset` });
    expect(reset.statusCode).toBe(200);
    const temporary = reset.json().temporaryPassword as string;
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    // The teacher's sessions end, the temporary password works and must be changed.
    expect((await ctx.as(teacherSession, { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const relogin = await login('teacher1', temporary);
    expect(relogin.statusCode).toBe(200);
    expect(relogin.json().user.mustChangePassword).toBe(true);

    // A district admin or a family of another district is outside a school admin's reach: 404.
    for (const target of [district1.id, parent2.id]) {
      const res = await ctx.as(school, { method: 'POST', url: `/api/v1/users/${target}/password-reset` });
      expect(res.statusCode).toBe(404);
    }
    const parent = await ctx.login('parent1');
    const denied = await ctx.as(parent, { method: 'POST', url: `/api/v1/users/${teacher1.id}/password-reset` });
    expect(denied.statusCode).toBe(404);
  });
});

describe('/me', () => {
  it('tells a teacher their classes and an admin their scope', async () => {
    const teacher = await ctx.login('teacher2');
    const me = (await ctx.as(teacher, { method: 'GET', url: '/api/v1/me' })).json();
    expect(me.classes.length).toBeGreaterThan(0);
    expect(me.can.searchAudit).toBe(false);
    const district = await ctx.login('district2');
    const dm = (await ctx.as(district, { method: 'GET', url: '/api/v1/me' })).json();
    expect(dm.roles).toEqual([expect.objectContaining({ role: 'districtAdmin', districtId: '110105', districtName: '朝阳区' })]);
    expect(dm.can).toEqual({
      viewOrgTree: true,
      searchAudit: true,
      manageUsers: true,
      searchStudents: true,
      manageResources: true,
      bookResources: false,
      onboardUnits: true,
      editTaxonomy: true,
    });
  });
});
