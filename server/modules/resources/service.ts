/**
 * Resources: search and matching, details, the listings a unit manages, schedules and slots, onboarding.
 * Every write authorises through the policy module (`resource:manage` on the resource's unit).
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as api from '../../../shared/contract/resources.js';
import type { ResourceInputSchema } from '../../../shared/contract/resources.js';
import type { AppConfig } from '../../config.js';
import type { Queryable } from '../../db/client.js';
import { orgUnits, resources, resourceSchedules, roleAssignments, slots, systemMeta, users } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { tokenize } from '../assistant/segment.js';
import { recordAudit } from '../audit/service.js';
import { generateTemporaryPassword, hashPassword } from '../identity/password.js';
import { can, canAnywhere, unitScope, type Actor } from '../policy/policy.js';
import { loadAuthorized } from '../students/service.js';
import { presentHit, presentResource, presentSlot } from './presenter.js';
import * as repo from './repository.js';
import { addDays, beijingDate, rulesForTimes, weekdayOf } from './schedule.js';
import { CITY_CENTRE, RANKING_FORMULA, runSearch, type SearchPlan } from './search.js';
import { allTerms, requireTerms } from './taxonomy.js';

/** Slots are kept materialised this many days ahead. */
export const SLOT_HORIZON_DAYS = 28;

/** Validated resource fields (coerced numbers, defaults applied). */
type ResourceInput = z.output<typeof ResourceInputSchema>;
type SearchQuery = z.output<NonNullable<(typeof api.searchResources)['query']>>;

export function todayInBeijing(now = new Date()): string {
  return beijingDate(now);
}

/** The child behind a search or booking: the actor must be allowed to book for them (their guardian). */
export async function loadChildForBooking(db: Queryable, actor: Actor, studentId: string, ip: string) {
  const student = await loadAuthorized(db, actor, studentId, 'booking:create', ip);
  const [school] = await db
    .select({
      lat: sql<number>`ST_Y(${orgUnits.location})`,
      lng: sql<number>`ST_X(${orgUnits.location})`,
      name: orgUnits.name,
    })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, student.districtId), eq(orgUnits.id, student.schoolId)));
  const birth = new Date(`${student.birthDate}T00:00:00Z`);
  const now = new Date();
  let age = now.getUTCFullYear() - birth.getUTCFullYear();
  if (
    now.getUTCMonth() < birth.getUTCMonth() ||
    (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate())
  )
    age--;
  return {
    student,
    age,
    school:
      school && school.lat !== null ? { lat: Number(school.lat), lng: Number(school.lng), name: school.name } : null,
  };
}

/** Turns validated query parameters into a search plan; refuses combinations that cannot mean anything. */
export async function planSearch(db: Queryable, actor: Actor, query: SearchQuery, ip: string) {
  const today = todayInBeijing();
  const terms = await requireTerms(db, query.term ?? [], 'query.term');
  if (query.date && query.date < today) {
    throw new AppError('VALIDATION_FAILED', '日期不能早于今天', [{ path: 'query.date', message: '日期不能早于今天' }]);
  }
  if (query.date && query.date > addDays(today, 60)) {
    throw new AppError('VALIDATION_FAILED', '只能查询 60 天内的余位', [
      { path: 'query.date', message: '只能查询 60 天内的余位' },
    ]);
  }
  let origin: { lat: number; lng: number; label: string } | null =
    query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng, label: '所选位置' } : null;
  let childAge: number | undefined;
  if (query.near === 'school' && !query.studentId) {
    throw new AppError('VALIDATION_FAILED', '按学校附近搜索需要选择孩子', [
      { path: 'query.studentId', message: '请选择孩子' },
    ]);
  }
  if (query.studentId) {
    const child = await loadChildForBooking(db, actor, query.studentId, ip);
    // The child's age and school shape the ranking: a read of a minor's record, so it is audited.
    await recordAudit(db, {
      actor,
      action: 'student.matchResources',
      recordType: 'student',
      recordId: child.student.id,
      districtId: child.student.districtId,
      schoolId: child.student.schoolId,
      studentId: child.student.id,
      purpose: '按孩子的年龄和学校匹配教育资源',
      ip,
    });
    childAge = child.age;
    if ((query.near === 'school' || !origin) && child.school) {
      origin = { ...child.school, label: `${child.school.name}附近` };
    }
  }
  if (query.radius && !origin) {
    throw new AppError('VALIDATION_FAILED', '按半径搜索需要提供位置（lat、lng）或孩子的学校', [
      { path: 'query.radius', message: '缺少中心位置' },
    ]);
  }
  let openAt: SearchPlan['openAt'];
  if (query.openAt) {
    const instant = new Date(query.openAt);
    const date = beijingDate(instant);
    openAt = {
      date,
      weekday: weekdayOf(date),
      time: new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16),
    };
  }
  const tokens = [...new Set(tokenize(query.q ?? ''))].slice(0, 12);
  const plan: SearchPlan = {
    tokens,
    terms,
    districtId: query.districtId,
    openAt,
    date: query.date,
    origin: origin ? { lat: origin.lat, lng: origin.lng } : undefined,
    radiusMeters: query.radius,
    childAge,
    limit: query.limit,
    today,
  };
  return { plan, origin };
}

export async function search(db: Queryable, actor: Actor, query: SearchQuery, ip: string) {
  const { plan, origin } = await planSearch(db, actor, query, ip);
  const { rows, fallback } = await runSearch(db, plan);
  const termsById = new Map((await allTerms(db)).map((t) => [t.id, t]));
  return {
    items: rows.map((r) => presentHit(r, termsById, plan.tokens, plan.childAge)),
    tokens: plan.tokens,
    fallback: fallback || (Boolean(query.q?.trim()) && plan.tokens.length === 0),
    origin,
    formula: RANKING_FORMULA,
  };
}

function unitLocation(r: { districtId: string; orgUnitId: string }) {
  return { districtId: r.districtId, schoolId: r.orgUnitId };
}

export async function loadResource(db: Queryable, id: string) {
  const row = await repo.unsafeFindResource(db, id);
  if (!row) throw notFound('资源');
  return row;
}

/** Listings are public to every signed-in user; suspended ones only to those who manage them. */
export async function readResource(db: Queryable, actor: Actor, id: string) {
  const row = await loadResource(db, id);
  const manage = can(actor, 'resource:manage', unitLocation(row));
  if (row.status !== 'active' && !manage) throw notFound('资源');
  return detail(db, actor, row, manage);
}

async function detail(db: Queryable, actor: Actor, row: repo.ResourceRow, manage: boolean) {
  const schedules = await repo.listSchedules(db, row.districtId, row.id);
  return presentResource(row, schedules, {
    manage,
    book: canAnywhere(actor, 'booking:create') && row.status === 'active',
  });
}

export async function listResourceSlots(
  db: Queryable,
  actor: Actor,
  id: string,
  from: string | undefined,
  days: number,
) {
  const row = await loadResource(db, id);
  const manage = can(actor, 'resource:manage', unitLocation(row));
  if (row.status !== 'active' && !manage) throw notFound('资源');
  const start = from ?? todayInBeijing();
  const rows = await repo.listSlotsBetween(
    db,
    row.districtId,
    row.id,
    new Date(Math.max(Date.now(), new Date(`${start}T00:00:00+08:00`).getTime())),
    new Date(`${addDays(start, days)}T00:00:00+08:00`),
  );
  // Families see open sessions; the venue also sees the ones it closed.
  return { items: rows.filter((s) => manage || s.status === 'open').map(presentSlot) };
}

/** Resource units the actor manages, and their resources. */
export async function listManaged(db: Queryable, actor: Actor) {
  if (!canAnywhere(actor, 'resource:manage'))
    throw new AppError('FORBIDDEN', '只有资源单位工作人员和区管理员可以管理资源');
  const rows = await repo.listResourcesWhere(
    db,
    unitScope(actor, 'resource:manage', resources.districtId, resources.orgUnitId),
  );
  const units = await db
    .select({ id: orgUnits.id, districtId: orgUnits.districtId, name: orgUnits.name })
    .from(orgUnits)
    .where(
      and(eq(orgUnits.kind, 'resourceUnit'), unitScope(actor, 'resource:manage', orgUnits.districtId, orgUnits.id)),
    )
    .orderBy(orgUnits.districtId, orgUnits.name)
    .limit(500);
  return {
    items: rows.map((r) => {
      const d = presentResource(r, [], { manage: true, book: false });
      return {
        id: d.id,
        districtId: d.districtId,
        districtName: d.districtName,
        orgUnitId: d.orgUnitId,
        unitName: d.unitName,
        name: d.name,
        address: d.address,
        lat: d.lat,
        lng: d.lng,
        terms: d.terms,
        ageMin: d.ageMin,
        ageMax: d.ageMax,
        free: d.free,
        stale: d.stale,
        verifiedAt: d.verifiedAt,
        status: d.status,
      };
    }),
    units,
  };
}

/** Checks tags, ages and hours; the row's columns with the derived price tag and search tokens. */
async function prepareInput(db: Queryable, input: ResourceInput) {
  const terms = await requireTerms(db, input.terms, 'body.terms');
  if (terms.some((t) => t.facet === 'age')) {
    throw new AppError('VALIDATION_FAILED', '年龄由“适合年龄”字段填写，不用选年龄标签', [
      { path: 'body.terms', message: '请去掉年龄标签' },
    ]);
  }
  if (!terms.some((t) => t.facet === 'domain')) {
    throw new AppError('VALIDATION_FAILED', '至少选择一个育人领域（德智体美劳等）', [
      { path: 'body.terms', message: '缺少育人领域' },
    ]);
  }
  if (terms.filter((t) => t.facet === 'price').length > 1) {
    throw new AppError('VALIDATION_FAILED', '免费和收费只能选一个', [{ path: 'body.terms', message: '费用标签冲突' }]);
  }
  if (input.ageMin > input.ageMax) {
    throw new AppError('VALIDATION_FAILED', '最小年龄不能大于最大年龄', [
      { path: 'body.ageMin', message: '年龄范围不正确' },
    ]);
  }
  if (input.openingHours.opens >= input.openingHours.closes) {
    throw new AppError('VALIDATION_FAILED', '开门时间必须早于闭馆时间', [
      { path: 'body.openingHours', message: '开放时间不正确' },
    ]);
  }
  const termIds = terms.map((t) => t.id);
  if (!terms.some((t) => t.facet === 'price')) termIds.push('price:free');
  const keywords = input.keywords ?? [];
  return {
    name: input.name,
    description: input.description,
    address: input.address,
    location: { x: input.lng, y: input.lat },
    phone: input.phone ?? null,
    ageMin: input.ageMin,
    ageMax: input.ageMax,
    openingHours: input.openingHours,
    closures: input.closures ?? [],
    cancelBeforeMinutes: input.cancelBeforeMinutes ?? 120,
    terms: termIds,
    keywords,
    ...repo.searchTokens({ name: input.name, keywords, description: input.description, terms }),
  };
}

export async function createResource(db: Queryable, actor: Actor, unitId: string, input: ResourceInput, ip: string) {
  const [unit] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), eq(orgUnits.kind, 'resourceUnit')));
  if (!unit || !can(actor, 'resource:manage', { districtId: unit.districtId, schoolId: unit.id }))
    throw notFound('资源单位');
  const prepared = await prepareInput(db, input);
  const [row] = await db
    .insert(resources)
    .values({
      districtId: unit.districtId,
      orgUnitId: unit.id,
      ...prepared,
    })
    .returning({ id: resources.id });
  await recordAudit(db, {
    actor,
    action: 'resource.create',
    recordType: 'resource',
    recordId: row!.id,
    districtId: unit.districtId,
    schoolId: unit.id,
    purpose: '维护资源信息',
    ip,
  });
  return detail(db, actor, await loadResource(db, row!.id), true);
}

export async function loadManaged(db: Queryable, actor: Actor, id: string) {
  const row = await loadResource(db, id);
  if (can(actor, 'resource:manage', unitLocation(row))) return row;
  if (row.status !== 'active') throw notFound('资源');
  throw new AppError('FORBIDDEN', '只有该资源所属单位的工作人员可以修改');
}

export async function updateResource(
  db: Queryable,
  actor: Actor,
  id: string,
  changes: Partial<ResourceInput> & { status?: 'active' | 'suspended' },
  ip: string,
) {
  const row = await loadManaged(db, actor, id);
  const merged: ResourceInput = {
    name: changes.name ?? row.name,
    description: changes.description ?? row.description,
    address: changes.address ?? row.address,
    lat: changes.lat ?? Number(row.lat),
    lng: changes.lng ?? Number(row.lng),
    phone: changes.phone !== undefined ? changes.phone : row.phone,
    terms: changes.terms ?? row.terms.filter((t) => !t.startsWith('age:')),
    keywords: changes.keywords ?? row.keywords,
    ageMin: changes.ageMin ?? row.ageMin,
    ageMax: changes.ageMax ?? row.ageMax,
    openingHours: changes.openingHours ?? (row.openingHours as ResourceInput['openingHours']),
    closures: changes.closures ?? row.closures,
    cancelBeforeMinutes: changes.cancelBeforeMinutes ?? row.cancelBeforeMinutes,
  };
  const prepared = await prepareInput(db, merged);
  await db
    .update(resources)
    .set({
      ...prepared,
      status: changes.status ?? row.status,
      // An edit by the unit is a re-verification.
      verifiedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(resources.districtId, row.districtId), eq(resources.id, row.id)));
  await recordAudit(db, {
    actor,
    action: 'resource.update',
    recordType: 'resource',
    recordId: id,
    districtId: row.districtId,
    schoolId: row.orgUnitId,
    purpose: '维护资源信息',
    ip,
    detail: { fields: Object.keys(changes) },
  });
  return detail(db, actor, await loadResource(db, id), true);
}

export async function verifyResource(db: Queryable, actor: Actor, id: string, ip: string) {
  const row = await loadManaged(db, actor, id);
  await db
    .update(resources)
    .set({ verifiedAt: new Date() })
    .where(and(eq(resources.districtId, row.districtId), eq(resources.id, row.id)));
  await recordAudit(db, {
    actor,
    action: 'resource.verify',
    recordType: 'resource',
    recordId: id,
    districtId: row.districtId,
    schoolId: row.orgUnitId,
    purpose: '核实资源信息',
    ip,
  });
  return detail(db, actor, await loadResource(db, id), true);
}

export async function createSchedules(
  db: Queryable,
  actor: Actor,
  id: string,
  input: z.output<NonNullable<(typeof api.createSchedule)['body']>>,
  ip: string,
) {
  const row = await loadManaged(db, actor, id);
  if (input.validTo && input.validTo < input.validFrom) {
    throw new AppError('VALIDATION_FAILED', '结束日期不能早于生效日期', [
      { path: 'body.validTo', message: '结束日期不正确' },
    ]);
  }
  if (input.validTo && input.validTo < todayInBeijing()) {
    throw new AppError('VALIDATION_FAILED', '排期已经结束，无法新增', [
      { path: 'body.validTo', message: '结束日期早于今天' },
    ]);
  }
  const created = await db
    .insert(resourceSchedules)
    .values(
      rulesForTimes(input.days, input.times).map((rrule) => ({
        districtId: row.districtId,
        resourceId: row.id,
        name: input.name,
        description: input.description ?? '',
        rrule,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
        durationMinutes: input.durationMinutes,
        capacity: input.capacity,
      })),
    )
    .returning();
  const slotsCreated = await repo.generateSlots(
    db,
    created.map((schedule) => ({ schedule, closures: row.closures })),
    todayInBeijing(),
    SLOT_HORIZON_DAYS,
  );
  await recordAudit(db, {
    actor,
    action: 'resource.schedule.create',
    recordType: 'resource',
    recordId: id,
    districtId: row.districtId,
    schoolId: row.orgUnitId,
    purpose: '维护资源排期',
    ip,
    detail: { rrules: created.map((s) => s.rrule), slotsCreated },
  });
  const full = presentResource(row, created, { manage: true, book: false });
  return { schedules: full.schedules, slotsCreated };
}

export async function deleteSchedule(db: Queryable, actor: Actor, id: string, scheduleId: string, ip: string) {
  const row = await loadManaged(db, actor, id);
  const [schedule] = await db
    .select()
    .from(resourceSchedules)
    .where(
      and(
        eq(resourceSchedules.districtId, row.districtId),
        eq(resourceSchedules.id, scheduleId),
        eq(resourceSchedules.resourceId, row.id),
      ),
    );
  if (!schedule) throw notFound('排期');
  // Future sessions nobody holds a seat in go with it; booked ones stay so families keep their bookings.
  await db
    .delete(slots)
    .where(
      and(
        eq(slots.districtId, row.districtId),
        eq(slots.scheduleId, scheduleId),
        gte(slots.startsAt, new Date()),
        eq(slots.taken, 0),
        sql`NOT EXISTS (SELECT 1 FROM bookings b WHERE b.district_id = ${slots.districtId} AND b.slot_id = ${slots.id})`,
      ),
    );
  await db
    .update(slots)
    .set({ scheduleId: null })
    .where(and(eq(slots.districtId, row.districtId), eq(slots.scheduleId, scheduleId)));
  await db
    .delete(resourceSchedules)
    .where(and(eq(resourceSchedules.districtId, row.districtId), eq(resourceSchedules.id, scheduleId)));
  await recordAudit(db, {
    actor,
    action: 'resource.schedule.delete',
    recordType: 'resource',
    recordId: id,
    districtId: row.districtId,
    schoolId: row.orgUnitId,
    purpose: '维护资源排期',
    ip,
    detail: { scheduleId },
  });
}

export async function setSlotStatus(
  db: Queryable,
  actor: Actor,
  slotId: string,
  status: 'open' | 'closed',
  ip: string,
) {
  const slot = await repo.unsafeFindSlot(db, slotId);
  if (!slot) throw notFound('时段');
  const row = await loadResource(db, slot.resourceId);
  if (!can(actor, 'resource:manage', unitLocation(row))) throw notFound('时段');
  if (slot.startsAt.getTime() <= Date.now()) throw new AppError('CONFLICT', '时段已开始，不能再修改');
  const [updated] = await db
    .update(slots)
    .set({ status })
    .where(and(eq(slots.districtId, slot.districtId), eq(slots.id, slot.id)))
    .returning();
  await recordAudit(db, {
    actor,
    action: `slot.${status === 'open' ? 'open' : 'close'}`,
    recordType: 'slot',
    recordId: slotId,
    districtId: row.districtId,
    schoolId: row.orgUnitId,
    purpose: '维护资源排期',
    ip,
  });
  return presentSlot(updated!);
}

const SLOT_HORIZON_META_KEY = 'slot_horizon';

/**
 * Keeps SLOT_HORIZON_DAYS of sessions materialised for every active schedule. Remembers the last day done
 * (system_meta), so a restart on the same day costs one read and a new day only adds the new dates.
 * Schedules created later generate their own 28 days.
 */
export async function extendSlotHorizon(db: Queryable): Promise<number> {
  const today = todayInBeijing();
  const through = addDays(today, SLOT_HORIZON_DAYS - 1);
  const [stored] = await db.select().from(systemMeta).where(eq(systemMeta.key, SLOT_HORIZON_META_KEY));
  const done = (stored?.value as { through?: string } | undefined)?.through;
  if (done && done >= through) return 0;
  const from = done && done >= today ? addDays(done, 1) : today;
  const days = Math.round((Date.parse(through) - Date.parse(from)) / 86_400_000) + 1;
  const created = await repo.generateSlots(db, await repo.allSchedulesWithClosures(db), from, days);
  await db
    .insert(systemMeta)
    .values({ key: SLOT_HORIZON_META_KEY, value: { through } })
    .onConflictDoUpdate({ target: systemMeta.key, set: { value: { through } } });
  return created;
}

/** 区管理员 onboards a resource unit: the unit in the org tree and its first staff account. */
export async function onboardUnit(
  db: Queryable,
  actor: Actor,
  input: z.output<NonNullable<(typeof api.onboardUnit)['body']>>,
  ip: string,
) {
  if (!can(actor, 'unit:onboard', { districtId: input.districtId })) {
    throw new AppError('FORBIDDEN', '只能为本区接入资源单位');
  }
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.staffUsername));
  if (taken)
    throw new AppError('CONFLICT', `用户名 ${input.staffUsername} 已被使用`, [
      { path: 'body.staffUsername', message: '用户名已被使用' },
    ]);
  const [unit] = await db
    .insert(orgUnits)
    .values({
      districtId: input.districtId,
      kind: 'resourceUnit',
      name: input.name,
      address: input.address,
      location: { x: input.lng, y: input.lat },
    })
    .onConflictDoNothing()
    .returning({ id: orgUnits.id, districtId: orgUnits.districtId, name: orgUnits.name });
  if (!unit)
    throw new AppError('CONFLICT', `本区已有名为“${input.name}”的资源单位`, [
      { path: 'body.name', message: '名称重复' },
    ]);
  const password = generateTemporaryPassword();
  const [staff] = await db
    .insert(users)
    .values({
      username: input.staffUsername,
      displayName: input.staffDisplayName,
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
    })
    .returning({ id: users.id });
  await db.insert(roleAssignments).values({
    userId: staff!.id,
    role: 'resourceStaff',
    scopeKind: 'unit',
    districtId: unit.districtId,
    orgUnitId: unit.id,
  });
  await recordAudit(db, {
    actor,
    action: 'unit.onboard',
    recordType: 'org_unit',
    recordId: unit.id,
    districtId: unit.districtId,
    schoolId: unit.id,
    purpose: '接入资源单位',
    ip,
    detail: { staffUsername: input.staffUsername },
  });
  return { unit, staff: { username: input.staffUsername, oneTimePassword: password } };
}

export function mapConfig(config: AppConfig) {
  return {
    tileUrl: config.MAP_TILE_URL ?? null,
    attribution: config.MAP_TILE_ATTRIBUTION ?? null,
    center: { lat: CITY_CENTRE.lat, lng: CITY_CENTRE.lng },
    zoom: 10,
  };
}
