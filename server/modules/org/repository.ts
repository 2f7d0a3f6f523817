import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { qualified as q } from '../../db/sql.js';
import { classes, districts, grades, orgUnits, students } from '../../db/schema.js';

export function listDistrictsWithCounts(db: Queryable) {
  return db
    .select({
      id: districts.id,
      name: districts.name,
      studentCount: sql<number>`(SELECT count(*)::int FROM ${students} WHERE ${q(students.districtId)} = ${q(districts.id)})`,
      unitCount: sql<number>`(SELECT count(*)::int FROM ${orgUnits} WHERE ${q(orgUnits.districtId)} = ${q(districts.id)})`,
    })
    .from(districts)
    .orderBy(asc(districts.sortOrder));
}

export function findDistrict(db: Queryable, id: string) {
  return db.select().from(districts).where(eq(districts.id, id)).then((r) => r[0]);
}

export function findOrgUnit(db: Queryable, id: string) {
  return db.select().from(orgUnits).where(eq(orgUnits.id, id)).limit(1).then((r) => r[0]);
}

export function listUnitsOfDistrict(db: Queryable, districtId: string) {
  return db
    .select({
      id: orgUnits.id,
      kind: orgUnits.kind,
      name: orgUnits.name,
      stage: orgUnits.stage,
      studentCount: sql<number>`(SELECT count(*)::int FROM ${students} WHERE ${q(students.districtId)} = ${q(orgUnits.districtId)} AND ${q(students.schoolId)} = ${q(orgUnits.id)})`,
    })
    .from(orgUnits)
    .where(eq(orgUnits.districtId, districtId))
    .orderBy(asc(orgUnits.kind), asc(orgUnits.name));
}

export function listGradesOfSchool(db: Queryable, districtId: string, schoolId: string) {
  return db
    .select({
      id: grades.id,
      name: grades.name,
      gradeNumber: grades.gradeNumber,
      studentCount: sql<number>`(SELECT count(*)::int FROM ${students}
        JOIN ${classes} ON ${q(classes.districtId)} = ${q(students.districtId)} AND ${q(classes.id)} = ${q(students.classId)}
        WHERE ${q(classes.districtId)} = ${q(grades.districtId)} AND ${q(classes.gradeId)} = ${q(grades.id)})`,
    })
    .from(grades)
    .where(and(eq(grades.districtId, districtId), eq(grades.schoolId, schoolId)))
    .orderBy(asc(grades.gradeNumber));
}

export function findGrade(db: Queryable, id: string) {
  return db.select().from(grades).where(eq(grades.id, id)).limit(1).then((r) => r[0]);
}

export function findClass(db: Queryable, id: string) {
  return db.select().from(classes).where(eq(classes.id, id)).limit(1).then((r) => r[0]);
}

export function listClassesOfGrade(db: Queryable, districtId: string, gradeId: string) {
  return db
    .select({
      id: classes.id,
      name: classes.name,
      studentCount: count(students.id),
    })
    .from(classes)
    .leftJoin(students, and(eq(students.districtId, classes.districtId), eq(students.classId, classes.id)))
    .where(and(eq(classes.districtId, districtId), eq(classes.gradeId, gradeId)))
    .groupBy(classes.districtId, classes.id, classes.name, classes.classNumber)
    .orderBy(asc(classes.classNumber));
}
