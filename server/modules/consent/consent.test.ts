import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { consents } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { createTestContext, loadFixtures, type TestContext } from '../../test/harness.js';
import { assertProfileConsent } from './service.js';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof loadFixtures>>;
beforeAll(async () => {
  ctx = await createTestContext();
  f = await loadFixtures(ctx.db);
});
afterAll(() => ctx.close());

describe('guardian consent (PIPL)', () => {
  it('is off by default, so profile features stay off for that child', async () => {
    await expect(assertProfileConsent(ctx.db, f.parent1Child)).rejects.toThrow(AppError);
    await expect(assertProfileConsent(ctx.db, f.parent1Child)).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
  });

  it('records grant and withdrawal with version and time; retries never duplicate', async () => {
    const parent = await ctx.login('parent1');
    const url = `/api/v1/students/${f.parent1Child.id}/consents`;
    const policy = await ctx.as(parent, { method: 'GET', url: '/api/v1/consent-policy' });
    expect(policy.json()).toMatchObject({ version: 1, title: expect.stringContaining('儿童个人信息') });

    const stale = await ctx.as(parent, { method: 'POST', url, payload: { decision: 'granted', policyVersion: 2 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toBe('告知书已更新为第 1 版，请阅读最新版本后再提交');

    const granted = await ctx.as(parent, { method: 'POST', url, payload: { decision: 'granted', policyVersion: 1 } });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().current).toMatchObject({ granted: true, policyVersion: 1 });
    await expect(assertProfileConsent(ctx.db, f.parent1Child)).resolves.toBeUndefined();

    // Two simultaneous retries of the same grant: both refused, nothing added.
    const retries = await Promise.all(
      [1, 2].map(() => ctx.as(parent, { method: 'POST', url, payload: { decision: 'granted', policyVersion: 1 } })),
    );
    expect(retries.map((r) => r.statusCode)).toEqual([409, 409]);
    expect(retries[0]!.json().detail).toBe('您已同意当前版本的告知书，无需重复提交');

    const withdrawn = await ctx.as(parent, { method: 'POST', url, payload: { decision: 'withdrawn', policyVersion: 1 } });
    expect(withdrawn.statusCode).toBe(201);
    expect(withdrawn.json().current.granted).toBe(false);
    expect(withdrawn.json().history.map((h: { decision: string }) => h.decision)).toEqual(['withdrawn', 'granted']);
    await expect(assertProfileConsent(ctx.db, f.parent1Child)).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });

    const [{ n }] = (await ctx.db.select({ n: count() }).from(consents).where(eq(consents.studentId, f.parent1Child.id))) as [{ n: number }];
    expect(n).toBe(2);
  });

  it('concurrent grants from a guardian record exactly one decision', async () => {
    const parent = await ctx.login('parent2');
    const url = `/api/v1/students/${f.parent2Child.id}/consents`;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => ctx.as(parent, { method: 'POST', url, payload: { decision: 'granted', policyVersion: 1 } })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(5);
    const rows = await ctx.db.select().from(consents).where(eq(consents.studentId, f.parent2Child.id));
    expect(rows).toHaveLength(1);
  });

  it('shows consent state on the child and in the teacher roster', async () => {
    const teacher = await ctx.login('teacher1');
    const roster = await ctx.as(teacher, { method: 'GET', url: `/api/v1/classes/${f.parent1Child.classId}/students` });
    const own = roster.json().items.find((s: { id: string }) => s.id === f.parent1Child.id);
    expect(own.profileConsent).toBe(false);
    const body = await ctx.as(teacher, { method: 'GET', url: `/api/v1/students/${f.parent1Child.id}` });
    expect(body.json().profileConsent.granted).toBe(false);
    expect(body.json().allowed).toEqual({ update: true, manageConsent: false });
  });
});
