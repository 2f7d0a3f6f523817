/** 组织架构 — the tree city → district → school/unit → grade → class, browsed one level at a time within reach. */
import type { OrgNode } from '../../../shared/contract/org.js';
import { orgUnitKindLabels, schoolStageLabels } from '../../../shared/contract/domain.js';
import type { Database } from '../../db/client.js';
import { notFound } from '../../http/errors.js';
import { can, grantsFor, type Actor } from '../policy/policy.js';
import * as repo from './repository.js';

/** The actor's top nodes: the highest node of each org:read grant. */
async function roots(db: Database, actor: Actor): Promise<OrgNode[]> {
  const nodes: OrgNode[] = [];
  for (const grant of grantsFor(actor, 'org:read')) {
    if (grant.scopeKind === 'city') {
      return [{ ref: 'city', kind: 'city', name: '北京市', note: '110000', hasChildren: true, studentCount: null }];
    }
    if (grant.scopeKind === 'district') {
      const d = await repo.findDistrict(db, grant.districtId!);
      if (d) nodes.push({ ref: `district:${d.id}`, kind: 'district', name: d.name, note: d.id, hasChildren: true, studentCount: null });
    }
    if (grant.scopeKind === 'unit') {
      const u = await repo.findOrgUnit(db, grant.orgUnitId!);
      if (u) nodes.push(unitNode(u, null));
    }
  }
  return nodes;
}

function unitNode(
  u: { id: string; kind: 'school' | 'resourceUnit' | 'consultationRoom'; name: string; stage: 'primary' | 'junior' | 'senior' | null },
  studentCount: number | null,
): OrgNode {
  return {
    ref: `unit:${u.id}`,
    kind: u.kind,
    name: u.name,
    note: u.stage ? schoolStageLabels[u.stage] : orgUnitKindLabels[u.kind],
    hasChildren: u.kind === 'school',
    studentCount,
  };
}

/** Children of `parentRef`, or the actor's roots. A node outside the actor's reach answers 404. */
export async function listNodes(db: Database, actor: Actor, parentRef: string | undefined): Promise<OrgNode[]> {
  if (!parentRef) return roots(db, actor);
  const [kind, id] = parentRef.split(':') as [string, string | undefined];

  if (kind === 'city') {
    // Only a city-wide grant covers a record with no district.
    if (!can(actor, 'org:read', { districtId: null })) {
      throw notFound('组织节点');
    }
    const rows = await repo.listDistrictsWithCounts(db);
    return rows.map((d) => ({
      ref: `district:${d.id}`,
      kind: 'district' as const,
      name: d.name,
      note: d.id,
      hasChildren: d.unitCount > 0,
      studentCount: d.studentCount,
    }));
  }
  if (kind === 'district') {
    if (!can(actor, 'org:read', { districtId: id! }) || !(await repo.findDistrict(db, id!))) throw notFound('组织节点');
    const rows = await repo.listUnitsOfDistrict(db, id!);
    return rows.map((u) => unitNode(u, u.kind === 'school' ? u.studentCount : null));
  }
  if (kind === 'unit') {
    const unit = await repo.findOrgUnit(db, id!);
    if (!unit || !can(actor, 'org:read', { districtId: unit.districtId, schoolId: unit.id })) throw notFound('组织节点');
    const rows = await repo.listGradesOfSchool(db, unit.districtId, unit.id);
    return rows.map((g) => ({
      ref: `grade:${g.id}`,
      kind: 'grade' as const,
      name: g.name,
      note: null,
      hasChildren: true,
      studentCount: g.studentCount,
    }));
  }
  if (kind === 'grade') {
    const grade = await repo.findGrade(db, id!);
    if (!grade || !can(actor, 'org:read', { districtId: grade.districtId, schoolId: grade.schoolId })) throw notFound('组织节点');
    const rows = await repo.listClassesOfGrade(db, grade.districtId, grade.id);
    return rows.map((c) => ({
      ref: `class:${c.id}`,
      kind: 'class' as const,
      name: c.name,
      note: null,
      hasChildren: false,
      studentCount: c.studentCount,
    }));
  }
  // A class is a leaf of the tree: its students are listed by the roster endpoint.
  const klass = await repo.findClass(db, id!);
  if (!klass || !can(actor, 'org:read', { districtId: klass.districtId, schoolId: klass.schoolId })) throw notFound('组织节点');
  return [];
}
