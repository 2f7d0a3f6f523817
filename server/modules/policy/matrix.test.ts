/**
 * The whole permission matrix over HTTP: every role × (own, sibling, foreign) record × read/write.
 * 200 = allowed, 403 = may see but not change, 404 = not visible at all (existence not revealed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { students } from '../../db/schema.js';
import { createTestContext, loadFixtures, type TestContext } from '../../test/harness.js';

type RecordKey = 'own' | 'classmate' | 'otherClass' | 'otherSchool' | 'chaoyang' | 'foreign';
type Expect = Record<RecordKey, number>;

let ctx: TestContext;
let ids: Record<RecordKey, string>;
const cookies: Record<string, string> = {};

const users = [
  'parent1',
  'parent2',
  'teacher1',
  'teacher2',
  'school1',
  'district1',
  'district2',
  'city1',
  'venue1',
  'counselor1',
  'volunteer1',
] as const;

/*
 * Records, seen from parent1's child: own = parent1's child (东城 school S, class C); classmate = same class,
 * other family; otherClass = a student of teacher2's class in the same school; otherSchool = another school
 * of 东城区; chaoyang = parent2's child (朝阳区); foreign = a student of a third district.
 */
const read: Record<(typeof users)[number], Expect> = {
  parent1: { own: 200, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 404, foreign: 404 },
  parent2: { own: 404, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 200, foreign: 404 },
  teacher1: { own: 200, classmate: 200, otherClass: 404, otherSchool: 404, chaoyang: 404, foreign: 404 },
  teacher2: { own: 404, classmate: 404, otherClass: 200, otherSchool: 404, chaoyang: 404, foreign: 404 },
  school1: { own: 200, classmate: 200, otherClass: 200, otherSchool: 404, chaoyang: 404, foreign: 404 },
  district1: { own: 200, classmate: 200, otherClass: 200, otherSchool: 200, chaoyang: 404, foreign: 404 },
  district2: { own: 404, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 200, foreign: 404 },
  city1: { own: 200, classmate: 200, otherClass: 200, otherSchool: 200, chaoyang: 200, foreign: 200 },
  venue1: { own: 404, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 404, foreign: 404 },
  counselor1: { own: 404, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 404, foreign: 404 },
  volunteer1: { own: 404, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 404, foreign: 404 },
};

const write: Record<(typeof users)[number], Expect> = {
  parent1: { own: 403, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 404, foreign: 404 },
  parent2: { own: 404, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 403, foreign: 404 },
  teacher1: { own: 200, classmate: 200, otherClass: 404, otherSchool: 404, chaoyang: 404, foreign: 404 },
  teacher2: { own: 404, classmate: 404, otherClass: 403, otherSchool: 404, chaoyang: 404, foreign: 404 },
  school1: { own: 200, classmate: 200, otherClass: 200, otherSchool: 404, chaoyang: 404, foreign: 404 },
  district1: { own: 200, classmate: 200, otherClass: 200, otherSchool: 200, chaoyang: 404, foreign: 404 },
  district2: { own: 404, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 200, foreign: 404 },
  city1: { own: 403, classmate: 403, otherClass: 403, otherSchool: 403, chaoyang: 403, foreign: 403 },
  venue1: { own: 404, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 404, foreign: 404 },
  counselor1: { own: 404, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 404, foreign: 404 },
  volunteer1: { own: 404, classmate: 404, otherClass: 404, otherSchool: 404, chaoyang: 404, foreign: 404 },
};

/** Consent decisions belong to the child's guardians only. */
const consent: Record<(typeof users)[number], Partial<Expect>> = {
  parent1: { own: 201, classmate: 404 },
  parent2: { own: 404, chaoyang: 201 },
  teacher1: { own: 403 },
  teacher2: { own: 404 },
  school1: { own: 403 },
  district1: { own: 403 },
  district2: { own: 404 },
  city1: { own: 403 },
  venue1: { own: 404 },
  counselor1: { own: 404 },
  volunteer1: { own: 404 },
};

beforeAll(async () => {
  ctx = await createTestContext();
  const f = await loadFixtures(ctx.db);
  const [teacher2Student] = await ctx.db
    .select({ id: students.id })
    .from(students)
    .where(eq(students.classId, f.teacher2ClassId!))
    .limit(1);
  ids = {
    own: f.parent1Child.id,
    classmate: f.classmate.id,
    otherClass: teacher2Student!.id,
    otherSchool: f.sameDistrictOtherSchool.id,
    chaoyang: f.parent2Child.id,
    foreign: f.otherDistrict.id,
  };
  for (const u of users) cookies[u] = await ctx.login(u);
});
afterAll(() => ctx.close());

describe('GET /api/v1/students/:id (read)', () => {
  for (const user of users) {
    it(`${user}`, async () => {
      const got: Partial<Expect> = {};
      for (const key of Object.keys(ids) as RecordKey[]) {
        const res = await ctx.as(cookies[user]!, { method: 'GET', url: `/api/v1/students/${ids[key]}` });
        got[key] = res.statusCode;
        if (res.statusCode === 404) expect(res.json().detail).toBe('学生不存在或您无权访问');
      }
      expect(got).toEqual(read[user]);
    });
  }
});

describe('PATCH /api/v1/students/:id (write)', () => {
  for (const user of users) {
    it(`${user}`, async () => {
      const got: Partial<Expect> = {};
      for (const key of Object.keys(ids) as RecordKey[]) {
        const res = await ctx.as(cookies[user]!, {
          method: 'PATCH',
          url: `/api/v1/students/${ids[key]}`,
          payload: { gender: 'female' },
        });
        got[key] = res.statusCode;
        if (res.statusCode === 403) expect(res.json().detail).toBe('您可以查看这名学生，但无权执行此操作');
      }
      expect(got).toEqual(write[user]);
    });
  }
});

describe('POST /api/v1/students/:id/consents (guardian write)', () => {
  for (const user of users) {
    it(`${user}`, async () => {
      const got: Partial<Expect> = {};
      for (const key of Object.keys(consent[user]) as RecordKey[]) {
        const res = await ctx.as(cookies[user]!, {
          method: 'POST',
          url: `/api/v1/students/${ids[key]}/consents`,
          payload: { decision: 'granted', policyVersion: 1 },
        });
        got[key] = res.statusCode;
      }
      expect(got).toEqual(consent[user]);
    });
  }
});

describe('list queries are scoped in SQL', () => {
  async function total(user: string, query = '') {
    const res = await ctx.as(cookies[user]!, { method: 'GET', url: `/api/v1/students?pageSize=100${query}` });
    expect(res.statusCode).toBe(200);
    return res.json() as { total: number; items: { id: string; districtName: string; schoolName: string }[] };
  }
  const countWhere = async (where: ReturnType<typeof eq> | undefined) =>
    (await ctx.db.select({ n: count() }).from(students).where(where))[0]!.n;

  it('each role lists exactly its subtree', async () => {
    const f = await loadFixtures(ctx.db);
    expect((await total('parent1')).total).toBe(1);
    expect((await total('teacher1')).total).toBe(await countWhere(eq(students.classId, f.parent1Child.classId)));
    expect((await total('school1')).total).toBe(await countWhere(eq(students.schoolId, f.parent1Child.schoolId)));
    expect((await total('district1')).total).toBe(await countWhere(eq(students.districtId, '110101')));
    expect((await total('district2')).total).toBe(await countWhere(eq(students.districtId, '110105')));
    expect((await total('city1')).total).toBe(await countWhere(undefined));
    expect((await total('venue1')).total).toBe(0);
    expect((await total('counselor1')).total).toBe(0);
  });

  it('a filter cannot widen the scope', async () => {
    const f = await loadFixtures(ctx.db);
    const res = await total('school1', `&schoolId=${f.sameDistrictOtherSchool.schoolId}`);
    expect(res.total).toBe(0);
    const district = await total('district1', `&classId=${f.parent2Child.classId}`);
    expect(district.total).toBe(0);
  });

  it('class rosters follow the same rules', async () => {
    const f = await loadFixtures(ctx.db);
    const roster = (user: string, classId: string) =>
      ctx.as(cookies[user]!, { method: 'GET', url: `/api/v1/classes/${classId}/students` }).then((r) => r.statusCode);
    expect(await roster('teacher1', f.parent1Child.classId)).toBe(200);
    expect(await roster('teacher1', f.teacher2ClassId!)).toBe(404);
    expect(await roster('teacher2', f.teacher2ClassId!)).toBe(200);
    expect(await roster('school1', f.teacher2ClassId!)).toBe(200);
    expect(await roster('parent1', f.parent1Child.classId)).toBe(404);
    expect(await roster('district2', f.parent1Child.classId)).toBe(404);
  });
});
