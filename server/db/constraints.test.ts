/** Invariants the database itself enforces, whatever the application code does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { grades, guardianships, roleAssignments, students, users } from './schema.js';
import { createTestContext, loadFixtures, type TestContext } from '../test/harness.js';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof loadFixtures>>;
beforeAll(async () => {
  ctx = await createTestContext();
  f = await loadFixtures(ctx.db);
});
afterAll(() => ctx.close());

/** Runs `work` and returns the PostgreSQL error code it failed with. */
async function pgError(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code ?? 'unknown';
  }
  return 'no error';
}

describe('database invariants', () => {
  it('one primary guardian per child', async () => {
    const [other] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'parent2'));
    const code = await pgError(() =>
      ctx.db.insert(guardianships).values({
        districtId: f.parent1Child.districtId,
        studentId: f.parent1Child.id,
        guardianUserId: other!.id,
        relation: 'father',
        isPrimary: true,
      }),
    );
    expect(code).toBe('23505');
  });

  it('a row cannot point into another district', async () => {
    const code = await pgError(() =>
      ctx.db.insert(students).values({
        districtId: '110105',
        schoolId: f.parent1Child.schoolId,
        classId: f.parent1Child.classId,
        studentNo: 'X-1',
        name: '测试',
        gender: 'male',
        birthDate: '2018-01-01',
      }),
    );
    expect(code).toBe('23503');
  });

  it("a student's class must belong to the student's school", async () => {
    const code = await pgError(() =>
      ctx.db.insert(students).values({
        districtId: f.sameDistrictOtherSchool.districtId,
        schoolId: f.sameDistrictOtherSchool.schoolId,
        classId: f.parent1Child.classId,
        studentNo: 'X-2',
        name: '测试',
        gender: 'female',
        birthDate: '2018-01-01',
      }),
    );
    expect(code).toBe('23503');
  });

  it('grade numbers stay within 1–12 and student numbers are unique per school', async () => {
    const [grade] = await ctx.db.select().from(grades).limit(1);
    expect(await pgError(() => ctx.db.update(grades).set({ gradeNumber: 13 }).where(eq(grades.id, grade!.id)))).toBe('23514');
    const [s] = await ctx.db.select().from(students).where(eq(students.id, f.classmate.id));
    const [mine] = await ctx.db.select().from(students).where(eq(students.id, f.parent1Child.id));
    expect(
      await pgError(() => ctx.db.update(students).set({ studentNo: mine!.studentNo }).where(eq(students.id, s!.id))),
    ).toBe('23505');
  });

  it('a role assignment must have the shape of its scope', async () => {
    const [u] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'volunteer1'));
    // A district-scoped role without a district.
    expect(
      await pgError(() => ctx.db.insert(roleAssignments).values({ userId: u!.id, role: 'districtAdmin', scopeKind: 'district' })),
    ).toBe('23514');
    // A city role that names a district.
    expect(
      await pgError(() =>
        ctx.db.insert(roleAssignments).values({ userId: u!.id, role: 'cityAdmin', scopeKind: 'city', districtId: '110101' }),
      ),
    ).toBe('23514');
  });

  it('failed-login counters cannot go negative; mobiles must look like mobiles', async () => {
    expect(await pgError(() => ctx.db.update(users).set({ failedLoginCount: -1 }).where(eq(users.username, 'parent1')))).toBe('23514');
    expect(await pgError(() => ctx.db.update(users).set({ mobile: '12345' }).where(eq(users.username, 'parent1')))).toBe('23514');
  });

  it('every unique key of a district-owned table includes district_id', async () => {
    const rows = await ctx.db.execute<{ table_name: string; def: string }>(sql`
      SELECT c.conrelid::regclass::text AS table_name, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c
      WHERE c.contype IN ('p', 'u') AND c.conrelid::regclass::text IN ('org_units','grades','classes','students','guardianships','consents')
      UNION ALL
      SELECT i.indrelid::regclass::text, pg_get_indexdef(i.indexrelid)
      FROM pg_index i WHERE i.indisunique AND i.indrelid::regclass::text IN ('org_units','grades','classes','students','guardianships','consents')`);
    expect(rows.rows.length).toBeGreaterThan(6);
    for (const r of rows.rows) expect(r.def, `${r.table_name}: ${r.def}`).toContain('district_id');
  });
});
