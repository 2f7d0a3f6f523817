import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, countDistinct, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { DEMO_PASSWORD } from '../../../shared/demo.js';
import { openPglite, pgliteHandle, type DatabaseHandle } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import {
  classes,
  districts,
  grades,
  guardianships,
  orgUnits,
  roleAssignments,
  students,
  systemMeta,
  users,
} from '../../db/schema.js';
import { verifyPassword } from '../identity/password.js';
import { buildDemoCity } from './city.js';
import { DEMO_CITY_META_KEY, DEMO_USERNAMES, seedDemoCity, type SeedSummary } from './seed.js';

// PGlite with PostGIS takes several seconds to start the first time.
describe('seedDemoCity (test size)', { timeout: 120_000 }, () => {
  let handle: DatabaseHandle;
  let summary: SeedSummary;

  beforeAll(async () => {
    handle = pgliteHandle(await openPglite({}));
    await migrateDatabase(handle);
    summary = await seedDemoCity(handle.db, 'test');
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
  });

  const db = () => handle.db;

  async function tableCount(table: PgTable) {
    const [row] = await db().select({ n: count() }).from(table);
    return row!.n;
  }

  /** The one student a demo guardian is linked to, with its class and school. */
  async function childOf(username: string) {
    const rows = await db()
      .select({
        studentId: students.id,
        districtId: students.districtId,
        schoolId: students.schoolId,
        classId: students.classId,
        className: classes.name,
        gradeNumber: grades.gradeNumber,
        stage: orgUnits.stage,
        relation: guardianships.relation,
        isPrimary: guardianships.isPrimary,
      })
      .from(users)
      .innerJoin(guardianships, eq(guardianships.guardianUserId, users.id))
      .innerJoin(
        students,
        and(eq(students.districtId, guardianships.districtId), eq(students.id, guardianships.studentId)),
      )
      .innerJoin(classes, and(eq(classes.districtId, students.districtId), eq(classes.id, students.classId)))
      .innerJoin(grades, and(eq(grades.districtId, classes.districtId), eq(grades.id, classes.gradeId)))
      .innerJoin(orgUnits, and(eq(orgUnits.districtId, students.districtId), eq(orgUnits.id, students.schoolId)))
      .where(eq(users.username, username));
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  async function rolesOf(username: string) {
    return db()
      .select({
        role: roleAssignments.role,
        scopeKind: roleAssignments.scopeKind,
        districtId: roleAssignments.districtId,
        orgUnitId: roleAssignments.orgUnitId,
        classId: roleAssignments.classId,
      })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(eq(users.username, username));
  }

  it('inserts all 16 Beijing districts with WGS 84 centres', async () => {
    const rows = await db()
      .select({ id: districts.id, name: districts.name, srid: sql<number>`ST_SRID(${districts.center})` })
      .from(districts)
      .orderBy(districts.sortOrder);
    expect(rows).toHaveLength(16);
    expect(rows[0]).toEqual({ id: '110101', name: '东城区', srid: 4326 });
    expect(rows.at(-1)).toEqual({ id: '110119', name: '延庆区', srid: 4326 });
    expect(summary.districts).toBe(16);
  });

  it('returns counts that match the tables and stores them in system_meta', async () => {
    const unitsOfKind = async (kind: 'school' | 'resourceUnit' | 'consultationRoom') => {
      const [row] = await db().select({ n: count() }).from(orgUnits).where(eq(orgUnits.kind, kind));
      return row!.n;
    };
    const [guardianRow] = await db()
      .select({ n: countDistinct(guardianships.guardianUserId) })
      .from(guardianships);
    const [teacherRow] = await db()
      .select({ n: countDistinct(roleAssignments.userId) })
      .from(roleAssignments)
      .where(inArray(roleAssignments.role, ['teacher', 'headTeacher']));

    expect({
      districts: await tableCount(districts),
      schools: await unitsOfKind('school'),
      classes: await tableCount(classes),
      students: await tableCount(students),
      guardians: guardianRow!.n,
      teachers: teacherRow!.n,
      resourceUnits: await unitsOfKind('resourceUnit'),
      consultationRooms: await unitsOfKind('consultationRoom'),
    }).toEqual(summary);
    expect(summary).toMatchObject({ schools: 4, classes: 36, resourceUnits: 6, consultationRooms: 3 });

    const [meta] = await db().select().from(systemMeta).where(eq(systemMeta.key, DEMO_CITY_META_KEY));
    expect(meta?.value).toEqual(summary);
  });

  it('gives every student exactly one primary guardian', async () => {
    const perStudent = await db()
      .select({
        studentId: students.id,
        primaries: sql<number>`count(${guardianships.guardianUserId}) FILTER (WHERE ${guardianships.isPrimary})::int`,
      })
      .from(students)
      .leftJoin(
        guardianships,
        and(eq(guardianships.districtId, students.districtId), eq(guardianships.studentId, students.id)),
      )
      .groupBy(students.id);
    expect(perStudent).toHaveLength(summary.students);
    expect(perStudent.filter((s) => s.primaries !== 1)).toEqual([]);
  });

  it('places parent1, teacher1, teacher2 and school1 around the same child', async () => {
    const child = await childOf('parent1');
    expect(child).toMatchObject({
      districtId: '110101',
      stage: 'primary',
      gradeNumber: 3,
      className: '三年级(1)班',
      relation: 'mother',
      isPrimary: true,
    });

    const teacher1 = await rolesOf('teacher1');
    for (const role of ['headTeacher', 'teacher'] as const) {
      expect(teacher1).toContainEqual({
        role,
        scopeKind: 'class',
        districtId: child.districtId,
        orgUnitId: child.schoolId,
        classId: child.classId,
      });
    }

    // teacher2 teaches in the same school but never the child's class.
    const teacher2 = await rolesOf('teacher2');
    expect(teacher2.length).toBeGreaterThan(0);
    expect(teacher2.every((r) => r.role === 'teacher' && r.orgUnitId === child.schoolId)).toBe(true);
    expect(teacher2.some((r) => r.classId === child.classId)).toBe(false);

    expect(await rolesOf('school1')).toEqual([
      { role: 'schoolAdmin', scopeKind: 'unit', districtId: '110101', orgUnitId: child.schoolId, classId: null },
    ]);
    expect(await rolesOf('district1')).toEqual([
      { role: 'districtAdmin', scopeKind: 'district', districtId: '110101', orgUnitId: null, classId: null },
    ]);
  });

  it("puts parent2's child in a junior school of another district", async () => {
    const first = await childOf('parent1');
    const second = await childOf('parent2');
    expect(second).toMatchObject({ districtId: '110105', stage: 'junior', relation: 'father', isPrimary: true });
    expect(second.districtId).not.toBe(first.districtId);
    expect(await rolesOf('district2')).toEqual([
      { role: 'districtAdmin', scopeKind: 'district', districtId: '110105', orgUnitId: null, classId: null },
    ]);
  });

  it('lets only the named demo accounts sign in, with the demo password', async () => {
    const withPassword = await db()
      .select({ username: users.username, passwordHash: users.passwordHash })
      .from(users)
      .where(isNotNull(users.passwordHash));
    expect(withPassword.map((u) => u.username).sort()).toEqual([...DEMO_USERNAMES].sort());
    expect(await verifyPassword(DEMO_PASSWORD, withPassword[0]!.passwordHash!)).toBe(true);
  });

  it('links a few guardians to two children in the same district', async () => {
    const families = await db()
      .select({ guardianUserId: guardianships.guardianUserId, children: count() })
      .from(guardianships)
      .where(eq(guardianships.isPrimary, true))
      .groupBy(guardianships.guardianUserId);
    expect(families.some((f) => f.children === 2)).toBe(true);
    expect(families.every((f) => f.children <= 2)).toBe(true);
  });

  it('does nothing the second time', async () => {
    const usersBefore = await tableCount(users);
    const again = await seedDemoCity(db(), 'test');
    expect(again).toEqual(summary);
    expect(await tableCount(users)).toBe(usersBefore);
    expect(await tableCount(students)).toBe(summary.students);
    expect(await tableCount(districts)).toBe(16);
  });
});

describe('seedDemoCity when a write fails', { timeout: 120_000 }, () => {
  it('rolls back everything', async () => {
    const handle = pgliteHandle(await openPglite({}));
    try {
      await migrateDatabase(handle);
      // A taken demo username makes the users insert fail after districts, schools and students were written.
      await handle.db.insert(users).values({ username: 'teacher1', displayName: '已有账号' });
      await expect(seedDemoCity(handle.db, 'test')).rejects.toThrow();
      for (const table of [districts, orgUnits, students, systemMeta]) {
        const [row] = await handle.db.select({ n: count() }).from(table);
        expect(row!.n).toBe(0);
      }
    } finally {
      await handle.close();
    }
  });
});

describe('buildDemoCity', () => {
  it('is deterministic apart from generated ids', () => {
    const fingerprint = () => {
      const city = buildDemoCity('test', 'hash');
      return {
        students: city.students.map((s) => [s.studentNo, s.name, s.gender, s.birthDate]),
        users: city.users.map((u) => [u.username, u.displayName, u.mobile]),
        units: city.orgUnits.map((u) => [u.name, u.address, u.location]),
      };
    };
    expect(fingerprint()).toEqual(fingerprint());
  });

  it('builds a demo-size city with at least 64 schools and 6,000 students', () => {
    const city = buildDemoCity('demo', 'hash');
    expect(city.orgUnits.filter((u) => u.kind === 'school').length).toBeGreaterThanOrEqual(64);
    expect(city.students.length).toBeGreaterThanOrEqual(6000);
    expect(new Set(city.users.map((u) => u.mobile)).size).toBe(city.users.length);
    expect(new Set(city.users.map((u) => u.username)).size).toBe(city.users.length);
  });
});
