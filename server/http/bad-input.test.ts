/** Bad input of every kind gets a Chinese problem+json, no stack trace, and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditEvents, consents, students } from '../db/schema.js';
import { createTestContext, loadFixtures, type TestContext } from '../test/harness.js';

let ctx: TestContext;
let cookie: string;
let studentId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  cookie = await ctx.login('teacher1');
  studentId = (await loadFixtures(ctx.db)).parent1Child.id;
});
afterAll(() => ctx.close());

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = JSON.parse(res.body);
  expect(body.status).toBe(status);
  expect(body.detail).toMatch(/[\u4e00-\u9fff]/);
  expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  expect(res.body).not.toContain('stack');
  return body;
}

async function snapshot() {
  const [s] = await ctx.db.select().from(students).where(eq(students.id, studentId));
  const [c] = await ctx.db.select({ n: count() }).from(consents);
  return { student: s, consents: c!.n };
}

describe('bad input', () => {
  it('unknown routes', async () => {
    const body = expectProblem(await ctx.as(cookie, { method: 'GET', url: '/api/v1/does-not-exist' }), 404);
    expect(body.detail).toBe('接口不存在：GET /api/v1/does-not-exist');
  });

  it('malformed JSON', async () => {
    const before = await snapshot();
    const res = await ctx.as(cookie, {
      method: 'PATCH',
      url: `/api/v1/students/${studentId}`,
      body: '{"name": "王',
      headers: { 'content-type': 'application/json' },
    });
    expect(expectProblem(res, 400).detail).toBe('请求体不是合法的 JSON');
    expect(await snapshot()).toEqual(before);
  });

  it('bodies over 1 MB', async () => {
    const res = await ctx.as(cookie, {
      method: 'PATCH',
      url: `/api/v1/students/${studentId}`,
      payload: { name: 'x'.repeat(1024 * 1024 + 10) },
    });
    expect(expectProblem(res, 413).detail).toBe('请求体超过 1 MB 上限，请缩小后重试');
  });

  it('wrong content type', async () => {
    const res = await ctx.as(cookie, {
      method: 'PATCH',
      url: `/api/v1/students/${studentId}`,
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(res, 415);
  });

  it('wrong types, unknown and missing fields', async () => {
    const before = await snapshot();
    const wrongType = expectProblem(
      await ctx.as(cookie, { method: 'PATCH', url: `/api/v1/students/${studentId}`, payload: { gender: 7 } }),
      400,
    );
    expect(wrongType.errors).toEqual([{ path: 'body.gender', message: '性别只能是 male 或 female' }]);
    const empty = expectProblem(await ctx.as(cookie, { method: 'PATCH', url: `/api/v1/students/${studentId}`, payload: {} }), 400);
    expect(empty.detail).toContain('请至少提供一项要修改的信息');
    const unknown = expectProblem(
      await ctx.as(cookie, { method: 'PATCH', url: `/api/v1/students/${studentId}`, payload: { districtId: '110105' } }),
      400,
    );
    expect(unknown.code).toBe('VALIDATION_FAILED');
    const badDate = expectProblem(
      await ctx.as(cookie, { method: 'PATCH', url: `/api/v1/students/${studentId}`, payload: { birthDate: '2019-02-30x' } }),
      400,
    );
    expect(badDate.detail).toContain('出生日期必须是 YYYY-MM-DD 格式的日期');
    const badId = expectProblem(await ctx.as(cookie, { method: 'GET', url: '/api/v1/students/123' }), 400);
    expect(badId.errors[0].path).toBe('params.studentId');
    const badPage = expectProblem(await ctx.as(cookie, { method: 'GET', url: '/api/v1/students?page=0' }), 400);
    expect(badPage.detail).toContain('页码从 1 开始');
    expect(await snapshot()).toEqual(before);
  });

  const injections = [
    "'; DROP TABLE students; --",
    "Robert'); DELETE FROM users; --",
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '王\u0000明',
  ];
  for (const value of injections) {
    it(`injection string in a name: ${JSON.stringify(value)}`, async () => {
      const before = await snapshot();
      const res = await ctx.as(cookie, { method: 'PATCH', url: `/api/v1/students/${studentId}`, payload: { name: value } });
      const body = expectProblem(res, 400);
      expect(body.errors[0].path).toBe('body.name');
      expect(await snapshot()).toEqual(before);
    });
  }

  it('injection strings in free-text and query fields are inert', async () => {
    const q = encodeURIComponent("' OR 1=1 --");
    const search = await ctx.as(cookie, { method: 'GET', url: `/api/v1/students?q=${q}` });
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBe(0);
    const like = await ctx.as(cookie, { method: 'GET', url: `/api/v1/students?q=${encodeURIComponent('%')}` });
    expect(like.json().total).toBe(0);
    const purpose = await ctx.as(cookie, {
      method: 'GET',
      url: `/api/v1/students/${studentId}?purpose=${encodeURIComponent('<b>x</b>')}`,
    });
    expectProblem(purpose, 400);
    const [n] = await ctx.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.purpose, '<b>x</b>'));
    expect(n!.n).toBe(0);
  });

  it('a legitimate correction still works and names come back as plain text', async () => {
    const res = await ctx.as(cookie, {
      method: 'PATCH',
      url: `/api/v1/students/${studentId}`,
      payload: { name: '欧阳·娜娜' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('欧阳·娜娜');
  });

  it('cross-site state changes are refused', async () => {
    const before = await snapshot();
    const fromElsewhere = await ctx.as(cookie, {
      method: 'PATCH',
      url: `/api/v1/students/${studentId}`,
      payload: { gender: 'male' },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(expectProblem(fromElsewhere, 403).detail).toBe('出于安全原因，拒绝来自其他网站的修改请求');
    const wrongOrigin = await ctx.as(cookie, {
      method: 'PATCH',
      url: `/api/v1/students/${studentId}`,
      payload: { gender: 'male' },
      headers: { origin: 'https://evil.example' },
    });
    expectProblem(wrongOrigin, 403);
    expect(await snapshot()).toEqual(before);
    const sameOrigin = await ctx.as(cookie, {
      method: 'PATCH',
      url: `/api/v1/students/${studentId}`,
      payload: { gender: before.student!.gender },
      headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.statusCode).toBe(200);
  });

  it('security headers are set', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});

describe('API description', () => {
  it('serves OpenAPI generated from the zod contract, and the docs page', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/students/{studentId}', '/api/v1/audit-events']),
    );
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
