/**
 * The integration-test harness: a real Fastify app on a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL), driven over HTTP with `inject`, signed in as the demo accounts.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { and, eq, ne, sql } from 'drizzle-orm';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database, DatabaseHandle } from '../db/client.js';
import { classes, guardianships, students, users } from '../db/schema.js';
import { DEMO_PASSWORD } from '../../shared/demo.js';
import { openTestDatabase } from './database.js';

export interface TestContext {
  app: FastifyInstance;
  db: Database;
  handle: DatabaseHandle;
  /** Signs in and returns the cookie header for later requests. */
  login(username: string, password?: string): Promise<string>;
  /** A request as the given signed-in user (cookie from login). */
  as(cookie: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestContext(): Promise<TestContext> {
  const handle = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent' });
  const app = await buildApp({ db: handle.db, config }, { logger: false, serveWeb: false });
  await app.ready();
  return {
    app,
    db: handle.db,
    handle,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'gy_session');
      return `gy_session=${cookie!.value}`;
    },
    as(cookie, options) {
      return app.inject({ ...options, headers: { ...options.headers, cookie } });
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

/** Ids of the records the permission tests talk about, looked up from the seeded 'test' city. */
export async function loadFixtures(db: Database) {
  const userId = async (username: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  const childOf = async (username: string) => {
    const [row] = await db
      .select({ id: students.id, districtId: students.districtId, schoolId: students.schoolId, classId: students.classId })
      .from(guardianships)
      .innerJoin(users, eq(users.id, guardianships.guardianUserId))
      .innerJoin(students, and(eq(students.districtId, guardianships.districtId), eq(students.id, guardianships.studentId)))
      .where(eq(users.username, username))
      .limit(1);
    return row!;
  };
  const parent1Child = await childOf('parent1');
  const parent2Child = await childOf('parent2');
  const pick = async (where: ReturnType<typeof and>) =>
    (await db.select({ id: students.id, classId: students.classId, schoolId: students.schoolId, districtId: students.districtId }).from(students).where(where).orderBy(students.studentNo).limit(1))[0]!;
  const classmate = await pick(and(eq(students.classId, parent1Child.classId), ne(students.id, parent1Child.id)));
  const sameSchoolOtherClass = await pick(and(eq(students.schoolId, parent1Child.schoolId), ne(students.classId, parent1Child.classId)));
  const sameDistrictOtherSchool = await pick(
    and(eq(students.districtId, parent1Child.districtId), ne(students.schoolId, parent1Child.schoolId)),
  );
  const otherDistrict = await pick(and(ne(students.districtId, parent1Child.districtId), ne(students.districtId, parent2Child.districtId)));
  const [teacher2Class] = await db.execute<{ class_id: string }>(
    sql`SELECT ra.class_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE u.username = 'teacher2' AND ra.class_id IS NOT NULL LIMIT 1`,
  ).then((r) => r.rows);
  const [otherClassInSchool] = await db
    .select({ id: classes.id })
    .from(classes)
    .where(and(eq(classes.schoolId, parent1Child.schoolId), ne(classes.id, parent1Child.classId)))
    .limit(1);
  return {
    parent1Child,
    parent2Child,
    classmate,
    sameSchoolOtherClass,
    sameDistrictOtherSchool,
    otherDistrict,
    teacher2ClassId: teacher2Class?.class_id,
    otherClassInSchoolId: otherClassInSchool!.id,
    userId,
  };
}
