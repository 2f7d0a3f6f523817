import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { students } from '../../db/schema.js';
import { createTestContext, loadFixtures, type TestContext } from '../../test/harness.js';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof loadFixtures>>;
beforeAll(async () => {
  ctx = await createTestContext();
  f = await loadFixtures(ctx.db);
});
afterAll(() => ctx.close());

type Node = { ref: string; kind: string; name: string; studentCount: number | null; hasChildren: boolean };
async function nodes(cookie: string, parent?: string) {
  const res = await ctx.as(cookie, { method: 'GET', url: `/api/v1/org/nodes${parent ? `?parent=${parent}` : ''}` });
  return { status: res.statusCode, items: (res.statusCode === 200 ? res.json().items : []) as Node[], body: res.json() };
}
const studentsIn = async (where: ReturnType<typeof eq>) => (await ctx.db.select({ n: count() }).from(students).where(where))[0]!.n;

describe('organisation tree', () => {
  it('the city sees 16 districts with their GB/T 2260 codes and real student counts', async () => {
    const city = await ctx.login('city1');
    const roots = await nodes(city);
    expect(roots.items).toEqual([expect.objectContaining({ ref: 'city', name: '北京市' })]);
    const districts = await nodes(city, 'city');
    expect(districts.items).toHaveLength(16);
    expect(districts.items[0]).toMatchObject({ ref: 'district:110101', name: '东城区' });
    expect(districts.items.map((d) => d.ref)).toContain('district:110119');
    const dongcheng = districts.items.find((d) => d.ref === 'district:110101')!;
    expect(dongcheng.studentCount).toBe(await studentsIn(eq(students.districtId, '110101')));
  });

  it('walks district → school → grade → class with counts that match the records', async () => {
    const district = await ctx.login('district1');
    const roots = await nodes(district);
    expect(roots.items.map((n) => n.ref)).toEqual(['district:110101']);
    const units = await nodes(district, 'district:110101');
    const kinds = new Set(units.items.map((u) => u.kind));
    expect(kinds).toEqual(new Set(['school', 'resourceUnit', 'consultationRoom']));
    const school = units.items.find((u) => u.ref === `unit:${f.parent1Child.schoolId}`)!;
    expect(school.studentCount).toBe(await studentsIn(eq(students.schoolId, f.parent1Child.schoolId)));
    const grades = await nodes(district, school.ref);
    const gradeSum = grades.items.reduce((s, g) => s + (g.studentCount ?? 0), 0);
    expect(gradeSum).toBe(school.studentCount);
    const classes = await nodes(district, grades.items[0]!.ref);
    expect(classes.items.length).toBeGreaterThan(0);
    expect(classes.items.every((c) => c.kind === 'class' && !c.hasChildren)).toBe(true);
  });

  it('a node outside one’s subtree answers 404; roles without the tree see nothing', async () => {
    const school = await ctx.login('school1');
    expect((await nodes(school)).items.map((n) => n.ref)).toEqual([`unit:${f.parent1Child.schoolId}`]);
    expect((await nodes(school, 'city')).status).toBe(404);
    expect((await nodes(school, 'district:110101')).status).toBe(404);
    expect((await nodes(school, `unit:${f.sameDistrictOtherSchool.schoolId}`)).status).toBe(404);
    const district2 = await ctx.login('district2');
    const other = await nodes(district2, 'district:110101');
    expect(other.status).toBe(404);
    expect(other.body.detail).toBe('组织节点不存在或您无权访问');
    const parent = await ctx.login('parent1');
    expect((await nodes(parent)).items).toEqual([]);
    const bad = await nodes(parent, 'district:abc');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('组织节点编号格式不正确');
  });

  it('the account list shows roles computed per user', async () => {
    const city = await ctx.login('city1');
    const res = await ctx.as(city, { method: 'GET', url: '/api/v1/users?q=teacher1' });
    const teacher = res.json().items.find((u: { username: string }) => u.username === 'teacher1');
    expect(teacher.roles.sort()).toEqual(['headTeacher', 'teacher']);
    const parents = await ctx.as(city, { method: 'GET', url: '/api/v1/users?q=parent1' });
    expect(parents.json().items.find((u: { username: string }) => u.username === 'parent1').roles).toEqual(['guardian']);
  });
});
