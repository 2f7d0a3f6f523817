import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema.js';
import { createTestContext, loadFixtures, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof loadFixtures>>;
beforeAll(async () => {
  ctx = await createTestContext();
  f = await loadFixtures(ctx.db);
});
afterAll(() => ctx.close());

const latest = (studentId: string) =>
  ctx.db.select().from(auditEvents).where(eq(auditEvents.studentId, studentId)).orderBy(desc(auditEvents.id)).limit(1).then((r) => r[0]);

describe('audit trail', () => {
  it('every read of a student record writes who, what, when, from where and why', async () => {
    const teacher = await ctx.login('teacher1');
    const teacherId = await f.userId('teacher1');
    const res = await ctx.as(teacher, {
      method: 'GET',
      url: `/api/v1/students/${f.parent1Child.id}?purpose=${encodeURIComponent('家访前了解情况')}`,
      remoteAddress: '10.1.2.3',
    });
    expect(res.statusCode).toBe(200);
    const row = await latest(f.parent1Child.id);
    expect(row).toMatchObject({
      actorUserId: teacherId,
      action: 'student.read',
      outcome: 'allowed',
      recordType: 'student',
      recordId: f.parent1Child.id,
      districtId: f.parent1Child.districtId,
      schoolId: f.parent1Child.schoolId,
      purpose: '家访前了解情况',
      ip: '10.1.2.3',
      actorRoles: 'headTeacher,teacher',
    });
    expect(Date.now() - row!.at.getTime()).toBeLessThan(60_000);
  });

  it('refused reads are audited too', async () => {
    const parent = await ctx.login('parent2');
    const res = await ctx.as(parent, { method: 'GET', url: `/api/v1/students/${f.parent1Child.id}` });
    expect(res.statusCode).toBe(404);
    const row = await latest(f.parent1Child.id);
    expect(row).toMatchObject({ action: 'student.read', outcome: 'denied', actorUserId: await f.userId('parent2') });
  });

  it('changes, roster views and a guardian opening the app are audited', async () => {
    const school = await ctx.login('school1');
    await ctx.as(school, { method: 'PATCH', url: `/api/v1/students/${f.classmate.id}`, payload: { gender: 'male' } });
    expect(await latest(f.classmate.id)).toMatchObject({ action: 'student.update', outcome: 'allowed' });

    const teacher = await ctx.login('teacher1');
    await ctx.as(teacher, { method: 'GET', url: `/api/v1/classes/${f.parent1Child.classId}/students` });
    expect(await latest(f.classmate.id)).toMatchObject({ action: 'class.roster' });

    const parent = await ctx.login('parent1');
    await ctx.as(parent, { method: 'GET', url: '/api/v1/me' });
    expect(await latest(f.parent1Child.id)).toMatchObject({ action: 'student.summary', actorUserId: await f.userId('parent1') });
  });

  it('admins search only their own subtree', async () => {
    // Something happens in 朝阳区…
    const parent2 = await ctx.login('parent2');
    await ctx.as(parent2, { method: 'GET', url: `/api/v1/students/${f.parent2Child.id}` });

    const search = async (user: string, query: string) => {
      const res = await ctx.as(await ctx.login(user), { method: 'GET', url: `/api/v1/audit-events?${query}` });
      return res;
    };
    const school = await search('school1', `studentId=${f.parent1Child.id}`);
    expect(school.statusCode).toBe(200);
    expect(school.json().total).toBeGreaterThan(0);
    expect((await search('school1', `studentId=${f.parent2Child.id}`)).json().total).toBe(0);
    expect((await search('district1', `studentId=${f.parent2Child.id}`)).json().total).toBe(0);
    expect((await search('district2', `studentId=${f.parent2Child.id}`)).json().total).toBeGreaterThan(0);
    expect((await search('city1', `studentId=${f.parent2Child.id}`)).json().total).toBeGreaterThan(0);
    const all = await search('school1', 'pageSize=100');
    for (const item of all.json().items) expect(item.districtId).toBe(f.parent1Child.districtId);

    const filtered = await search('district1', `action=student.read&outcome=denied`);
    expect(filtered.json().items.every((i: { outcome: string }) => i.outcome === 'denied')).toBe(true);

    for (const user of ['parent1', 'teacher1', 'venue1']) {
      expect((await search(user, '')).statusCode).toBe(404);
    }
    const bad = await search('district1', 'from=2026-12-02T10:00:00Z&to=2026-12-01T00:00:00Z');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('开始时间不能晚于结束时间');
  });

  it('a read and its audit row are both there or neither', async () => {
    const rows = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'student.read'), eq(auditEvents.outcome, 'allowed')));
    expect(rows.length).toBeGreaterThan(0);
  });
});
