/**
 * Open Referral HSDS import and export of the education resource directory.
 *
 * Export: an HSDS-3.0-shaped JSON document (organizations → services, each service with its attributes,
 * schedules and one service_at_location), or a flat services.csv (one row per resource, lists joined with
 * `|`, RFC 4180 quoting, UTF-8 BOM for Excel, spreadsheet formulas neutralised with a leading apostrophe).
 *
 * Import: the same two shapes, for one district, all or nothing. Every record is validated first; any row
 * error means nothing is written and every error is reported ("第 3 行：纬度超出范围"). Otherwise one
 * transaction creates the missing resource units, creates or updates the resources (matched by service id
 * within the district and unit), replaces their schedules, regenerates slots and writes one audit row.
 * Our own fields that HSDS has no place for travel in `x_gongyu`.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { WEEKDAYS, type OpeningHours } from '../../../../shared/contract/resources.js';
import type { Database, Queryable } from '../../../db/client.js';
import { districts, orgUnits, resources, resourceSchedules, slots } from '../../../db/schema.js';
import { AppError } from '../../../http/errors.js';
import { recordAudit } from '../../audit/service.js';
import { can, type Actor } from '../../policy/policy.js';
import { generateSlots, searchTokens, type ScheduleRow } from '../repository.js';
import { hoursCovering, parseWeeklyRule } from '../schedule.js';
import { SLOT_HORIZON_DAYS, todayInBeijing } from '../service.js';
import { allTerms, requireTerms, type TermRow } from '../taxonomy.js';
import {
  CSV_COLUMNS,
  REQUIRED_CSV_COLUMNS,
  type CsvColumn,
  type ImportInput,
  type ImportResult,
  unescapeFormula,
  parseCsv,
  MAX_IMPORT_RECORDS,
  BEIJING_BOUNDS,
  MAX_REPORTED_ERRORS,
  MAX_SCHEDULES_PER_SERVICE,
} from './format.js';

type RawSchedules =
  { kind: 'json'; items: unknown[] } | { kind: 'csv'; rrules: string[]; capacities: string[]; durations: string[] };

/** One service as read from the file, not yet validated. `undefined` = the file does not carry the field. */
interface RawRecord {
  row: number;
  /** "第 3 行" (CSV) or "第 3 个服务" (JSON). */
  where: string;
  orgName: unknown;
  serviceId: unknown;
  districtId: unknown;
  name: unknown;
  description: unknown;
  address: unknown;
  lat: unknown;
  lng: unknown;
  phone: unknown;
  terms: unknown;
  keywords: unknown;
  ageMin: unknown;
  ageMax: unknown;
  openingHours: unknown;
  closures: unknown;
  cancelBeforeMinutes: unknown;
  status: unknown;
  schedules: RawSchedules | undefined;
  /** Problems found while reading (e.g. too many cells). */
  problems: string[];
}

const splitList = (cell: string) =>
  cell
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

function readCsv(content: string): RawRecord[] {
  const records = parseCsv(content);
  const header = records.shift();
  if (!header) throw new AppError('VALIDATION_FAILED', 'CSV 文件没有内容');
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (n && index.has(n)) throw new AppError('VALIDATION_FAILED', `CSV 表头中的列“${n}”重复`);
    index.set(n, i);
  });
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `CSV 表头缺少列：${missing.join('、')}。表头应为：${CSV_COLUMNS.join(',')}`,
      missing.map((c) => ({ path: 'body.content', message: `缺少列 ${c}` })),
    );
  }
  return records.map(({ row, cells }) => {
    const where = `第 ${row} 行`;
    const problems: string[] = [];
    if (cells.length > names.length) {
      problems.push(`有 ${cells.length} 列，多于表头的 ${names.length} 列（含英文逗号的内容需要用英文双引号括起来）`);
    }
    const has = (c: CsvColumn) => index.has(c);
    const cell = (c: CsvColumn): string | undefined => {
      const i = index.get(c);
      if (i === undefined) return undefined;
      return unescapeFormula(cells[i] ?? '').trim();
    };
    // Empty optional cells mean "not given" (an update keeps the stored value), except the lists below.
    const optional = (c: CsvColumn) => {
      const v = cell(c);
      return v === '' ? undefined : v;
    };
    const days = cell('opening_days');
    const opens = cell('opens_at');
    const closes = cell('closes_at');
    const hoursGiven = [days, opens, closes].some((v) => v !== undefined && v !== '');
    return {
      row,
      where,
      orgName: cell('organization_name'),
      serviceId: optional('service_id'),
      districtId: optional('district_id'),
      name: cell('service_name'),
      description: cell('description'),
      address: cell('address'),
      lat: cell('latitude'),
      lng: cell('longitude'),
      phone: has('phone') ? (cell('phone') === '' ? null : cell('phone')) : undefined,
      terms: splitList(cell('terms') ?? ''),
      keywords: has('keywords') ? splitList(cell('keywords') ?? '') : undefined,
      ageMin: optional('minimum_age'),
      ageMax: optional('maximum_age'),
      openingHours: hoursGiven ? { days: splitList(days ?? ''), opens: opens ?? '', closes: closes ?? '' } : undefined,
      closures: undefined,
      cancelBeforeMinutes: undefined,
      status: undefined,
      schedules: has('schedule_rrules')
        ? {
            kind: 'csv',
            rrules: splitList(cell('schedule_rrules') ?? ''),
            capacities: splitList(cell('schedule_capacity') ?? ''),
            durations: splitList(cell('schedule_duration_minutes') ?? ''),
          }
        : undefined,
      problems,
    } satisfies RawRecord;
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readJson(content: string): RawRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `文件不是合法的 JSON：${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(doc) || !Array.isArray(doc.organizations)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'JSON 中缺少 organizations 数组（应为本平台导出的 HSDS 3.0 格式：organizations → services）',
    );
  }
  const out: RawRecord[] = [];
  doc.organizations.forEach((org, o) => {
    if (!isObject(org)) throw new AppError('VALIDATION_FAILED', `第 ${o + 1} 个组织（organization）不是对象`);
    if (org.services === undefined) return;
    if (!Array.isArray(org.services))
      throw new AppError('VALIDATION_FAILED', `第 ${o + 1} 个组织的 services 必须是数组`);
    for (const service of org.services as unknown[]) {
      const row = out.length + 1;
      const where = `第 ${row} 个服务`;
      if (!isObject(service)) {
        out.push({ ...emptyRaw(row, where), orgName: org.name, problems: ['服务必须是 JSON 对象'] });
        continue;
      }
      out.push(jsonRecord(row, where, org, service));
    }
  });
  return out;
}

function emptyRaw(row: number, where: string): RawRecord {
  return {
    row,
    where,
    orgName: undefined,
    serviceId: undefined,
    districtId: undefined,
    name: undefined,
    description: undefined,
    address: undefined,
    lat: undefined,
    lng: undefined,
    phone: undefined,
    terms: [],
    keywords: undefined,
    ageMin: undefined,
    ageMax: undefined,
    openingHours: undefined,
    closures: undefined,
    cancelBeforeMinutes: undefined,
    status: undefined,
    schedules: undefined,
    problems: [],
  };
}

function jsonRecord(row: number, where: string, org: Record<string, unknown>, s: Record<string, unknown>): RawRecord {
  const problems: string[] = [];
  const ext = isObject(s.x_gongyu) ? s.x_gongyu : {};
  const sal = Array.isArray(s.service_at_locations) ? s.service_at_locations[0] : undefined;
  const location = isObject(sal) && isObject(sal.location) ? sal.location : undefined;
  if (!location) problems.push('缺少 service_at_locations[0].location（地点与坐标）');
  const address =
    location && Array.isArray(location.addresses) && isObject(location.addresses[0])
      ? location.addresses[0]
      : undefined;
  const eligibility = isObject(s.eligibility) ? s.eligibility : {};
  // Taxonomy terms as attributes[].taxonomy_term.id (or the flat taxonomy_term_id of HSDS 3.0).
  const terms: unknown[] = [];
  if (s.attributes !== undefined) {
    if (!Array.isArray(s.attributes)) problems.push('attributes 必须是数组');
    else {
      for (const a of s.attributes as unknown[]) {
        const id = isObject(a) ? (isObject(a.taxonomy_term) ? a.taxonomy_term.id : a.taxonomy_term_id) : undefined;
        if (typeof id === 'string' && id.trim()) terms.push(id.trim());
        else problems.push('attributes 中有缺少 taxonomy_term.id 的条目');
      }
    }
  }
  let phone: unknown;
  if (Array.isArray(s.phone))
    phone = s.phone.length === 0 ? null : isObject(s.phone[0]) ? s.phone[0].number : s.phone[0];
  else if (typeof s.phone === 'string') phone = s.phone.trim() === '' ? null : s.phone;
  else if (s.phone === null) phone = null;
  let schedules: RawSchedules | undefined;
  if (s.schedules !== undefined && s.schedules !== null) {
    if (Array.isArray(s.schedules)) schedules = { kind: 'json', items: s.schedules };
    else problems.push('schedules 必须是数组');
  }
  return {
    row,
    where,
    orgName: org.name,
    serviceId: s.id === undefined || s.id === null || s.id === '' ? undefined : s.id,
    districtId: ext.district_id ?? (isObject(org.x_gongyu) ? org.x_gongyu.district_id : undefined),
    name: s.name,
    description: s.description ?? undefined,
    address: address?.address_1,
    lat: location?.latitude,
    lng: location?.longitude,
    phone,
    terms,
    keywords: ext.keywords,
    ageMin: eligibility.minimum_age ?? s.minimum_age ?? undefined,
    ageMax: eligibility.maximum_age ?? s.maximum_age ?? undefined,
    openingHours: ext.opening_hours ?? undefined,
    closures: ext.closures ?? undefined,
    cancelBeforeMinutes: ext.cancel_before_minutes ?? undefined,
    status: s.status ?? undefined,
    schedules,
    problems,
  };
}

/* ───────────────────────── Import: validation ───────────────────────── */

interface ScheduleDraft {
  rrule: string;
  capacity: number;
  durationMinutes: number;
  validFrom?: string;
  validTo?: string | null;
  name?: string;
  description?: string;
}

/** A validated service; optional fields left undefined keep the stored value (update) or take the default. */
interface Draft {
  row: number;
  orgName: string;
  serviceId?: string;
  name: string;
  description?: string;
  address: string;
  lat: number;
  lng: number;
  phone?: string | null;
  /** Term ids as given (validated); the price tag is added later when missing. */
  terms: TermRow[];
  keywords?: string[];
  ageMin?: number;
  ageMax?: number;
  openingHours?: OpeningHours;
  closures?: string[];
  cancelBeforeMinutes?: number;
  status?: 'active' | 'suspended';
  schedules?: ScheduleDraft[];
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Collects the problems of one record; each helper returns undefined after reporting. */
class Checker {
  readonly problems: string[] = [];
  add(message: string) {
    this.problems.push(message);
  }

  text(value: unknown, label: string, max: number, required: boolean): string | undefined {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) this.add(`${label}不能为空`);
      return value === undefined || value === null ? undefined : '';
    }
    if (typeof value !== 'string') {
      this.add(`${label}必须是文本`);
      return undefined;
    }
    const v = value.trim();
    if ([...v].length > max) this.add(`${label}不能超过 ${max} 个字符（现有 ${[...v].length} 个）`);
    else if (CONTROL_CHARS.test(v)) this.add(`${label}含有非法控制字符`);
    else if (/[<>]/.test(v)) this.add(`${label}不能包含 < 或 > 字符`);
    else return v;
    return undefined;
  }

  number(value: unknown, label: string): number | undefined {
    if (value === undefined || value === null || value === '') {
      this.add(`${label}不能为空`);
      return undefined;
    }
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
    if (!Number.isFinite(n)) {
      this.add(`${label}必须是数字（现为“${String(value)}”）`);
      return undefined;
    }
    return n;
  }

  integer(value: unknown, label: string, min: number, max: number, unit = ''): number | undefined {
    const n = this.number(value, label);
    if (n === undefined) return undefined;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.add(`${label}必须是 ${min}–${max}${unit || ' '}之间的整数（现为 ${String(value)}）`);
      return undefined;
    }
    return n;
  }

  list(value: unknown, label: string): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      this.add(`${label}必须是文本列表`);
      return undefined;
    }
    return (value as string[]).map((v) => v.trim()).filter(Boolean);
  }
}

interface Context {
  districtId: string;
  termsById: Map<string, TermRow>;
  today: string;
}

async function validate(db: Queryable, raw: RawRecord, ctx: Context): Promise<{ draft?: Draft; problems: string[] }> {
  const c = new Checker();
  raw.problems.forEach((p) => c.add(p));
  // A record of another district is refused outright: nothing else about it matters here.
  if (raw.districtId !== undefined && raw.districtId !== null && String(raw.districtId).trim() !== ctx.districtId) {
    return {
      problems: [`不属于所选区（记录的区代码为 ${String(raw.districtId).trim()}，所选区为 ${ctx.districtId}）`],
    };
  }
  const orgName = c.text(raw.orgName, '单位名称（organization name）', 60, true);
  const name = c.text(raw.name, '资源名称', 60, true);
  const description = c.text(raw.description, '简介', 600, false);
  const address = c.text(raw.address, '地址', 120, true);
  let serviceId: string | undefined;
  if (raw.serviceId !== undefined) {
    if (typeof raw.serviceId !== 'string' && typeof raw.serviceId !== 'number')
      c.add('服务编号（service id）必须是文本');
    else serviceId = String(raw.serviceId).trim() || undefined;
  }

  const lat = c.number(raw.lat, '纬度');
  const lng = c.number(raw.lng, '经度');
  let point: { lat: number; lng: number } | undefined;
  if (lat !== undefined && (lat < -90 || lat > 90)) c.add(`纬度超出范围（${lat}，应在 -90 到 90 之间）`);
  else if (lng !== undefined && (lng < -180 || lng > 180)) c.add(`经度超出范围（${lng}，应在 -180 到 180 之间）`);
  else if (lat !== undefined && lng !== undefined) {
    const b = BEIJING_BOUNDS;
    if (lat < b.latMin || lat > b.latMax || lng < b.lngMin || lng > b.lngMax) {
      c.add(
        `坐标（纬度 ${lat}，经度 ${lng}）不在北京市范围内（纬度 ${b.latMin}–${b.latMax}，经度 ${b.lngMin}–${b.lngMax}），请检查经纬度是否填反`,
      );
    } else point = { lat, lng };
  }

  let phone: string | null | undefined;
  if (raw.phone === null) phone = null;
  else if (raw.phone !== undefined) {
    const p = typeof raw.phone === 'number' ? String(raw.phone) : raw.phone;
    if (typeof p !== 'string' || !/^[0-9-]{7,20}$/.test(p.trim()))
      c.add(`电话只能包含数字和 -，7–20 位（现为“${String(raw.phone)}”）`);
    else phone = p.trim();
  }

  // Terms: known and active (requireTerms), at least one 育人领域, one price tag at most. Age comes from the ages.
  let terms: TermRow[] | undefined;
  const termIds = c.list(raw.terms, '标签') ?? [];
  const wanted = [...new Set(termIds.filter((t) => !t.startsWith('age:')))];
  if (wanted.length > 20) c.add(`标签最多 20 个（现有 ${wanted.length} 个）`);
  else {
    try {
      terms = await requireTerms(db, wanted, 'terms');
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      c.add(e.detail);
    }
  }
  if (terms) {
    if (!terms.some((t) => t.facet === 'domain'))
      c.add('至少需要一个育人领域标签（domain:*，如 domain:de 德育、domain:zhi 智育）');
    if (terms.filter((t) => t.facet === 'price').length > 1) c.add('免费和收费只能选一个（price:free 或 price:paid）');
  }

  let keywords: string[] | undefined;
  const kw = c.list(raw.keywords, '关键词');
  if (kw) {
    const unique = [...new Set(kw)];
    if (unique.length > 12) c.add(`关键词最多 12 个（现有 ${unique.length} 个）`);
    const bad = unique.find((k) => [...k].length > 20 || /[<>]/.test(k) || CONTROL_CHARS.test(k));
    if (bad) c.add(`关键词“${bad.slice(0, 30)}”不合规：每个不超过 20 个字符，且不含 < >`);
    if (unique.length <= 12 && !bad) keywords = unique;
  }

  const ageMin = raw.ageMin === undefined ? undefined : c.integer(raw.ageMin, '最小年龄', 0, 18, ' 岁');
  const ageMax = raw.ageMax === undefined ? undefined : c.integer(raw.ageMax, '最大年龄', 0, 18, ' 岁');

  let openingHours: OpeningHours | undefined;
  if (raw.openingHours !== undefined && raw.openingHours !== null) {
    const h = raw.openingHours;
    if (!isObject(h)) c.add('开放时间（opening_hours）必须是 {days, opens, closes}');
    else {
      const days = Array.isArray(h.days) ? h.days.map((d) => String(d).trim().toUpperCase()) : [];
      const okDays = days.length > 0 && days.every((d) => (WEEKDAYS as readonly string[]).includes(d));
      if (!okDays) c.add(`开放日必须是 MO、TU、WE、TH、FR、SA、SU 中的一个或多个（现为“${days.join('|')}”）`);
      const opens = typeof h.opens === 'string' ? h.opens.trim() : '';
      const closes = typeof h.closes === 'string' ? h.closes.trim() : '';
      if (!HHMM.test(opens)) c.add(`开门时间必须是 HH:MM 格式（现为“${String(h.opens ?? '')}”）`);
      else if (!HHMM.test(closes)) c.add(`闭馆时间必须是 HH:MM 格式（现为“${String(h.closes ?? '')}”）`);
      else if (opens >= closes) c.add(`开门时间（${opens}）必须早于闭馆时间（${closes}）`);
      else if (okDays) openingHours = { days: WEEKDAYS.filter((d) => days.includes(d)), opens, closes };
    }
  }

  let closures: string[] | undefined;
  const cl = c.list(raw.closures, '闭馆日期');
  if (cl) {
    const bad = cl.find((d) => !isIsoDate(d));
    if (bad) c.add(`闭馆日期必须是 YYYY-MM-DD 格式（现为“${bad}”）`);
    else if (cl.length > 100) c.add('闭馆日期最多 100 个');
    else closures = [...new Set(cl)].sort();
  }

  const cancelBeforeMinutes =
    raw.cancelBeforeMinutes === undefined
      ? undefined
      : c.integer(raw.cancelBeforeMinutes, '可取消时限', 0, 10080, ' 分钟');

  let status: Draft['status'];
  if (raw.status !== undefined) {
    const s = String(raw.status).trim().toLowerCase();
    if (s === 'active') status = 'active';
    else if (['inactive', 'defunct', 'temporarily closed', 'suspended'].includes(s)) status = 'suspended';
    else c.add(`状态只能是 active 或 inactive（现为“${String(raw.status)}”）`);
  }

  const schedules = raw.schedules ? validateSchedules(c, raw.schedules) : undefined;

  if (c.problems.length > 0 || !orgName || !name || address === undefined || !point || !terms)
    return { problems: c.problems };
  return {
    draft: {
      row: raw.row,
      orgName,
      serviceId,
      name,
      description,
      address,
      lat: point.lat,
      lng: point.lng,
      phone,
      terms,
      keywords,
      ageMin,
      ageMax,
      openingHours,
      closures,
      cancelBeforeMinutes,
      status,
      schedules,
    },
    problems: [],
  };
}

/** Canonical form of a weekly rule, so equal rules compare equal whatever their spelling. */
function canonicalRule(rrule: string): string {
  const rule = parseWeeklyRule(rrule);
  const days = WEEKDAYS.filter((d) => rule.days.includes(d));
  return `FREQ=WEEKLY;BYDAY=${days.join(',')};BYHOUR=${rule.hours.join(',')};BYMINUTE=${rule.minutes.join(',')}`;
}

function checkRule(c: Checker, rrule: string): string | undefined {
  try {
    return canonicalRule(rrule);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    c.add(e.detail);
    return undefined;
  }
}

function validateSchedules(c: Checker, raw: RawSchedules): ScheduleDraft[] | undefined {
  const out: ScheduleDraft[] = [];
  const before = c.problems.length;
  if (raw.kind === 'csv') {
    const n = raw.rrules.length;
    if (n > MAX_SCHEDULES_PER_SERVICE) c.add(`排期规则最多 ${MAX_SCHEDULES_PER_SERVICE} 条（现有 ${n} 条）`);
    if (n > 0 && raw.capacities.length !== n && raw.capacities.length !== 1) {
      c.add(`排期名额（schedule_capacity）应为 1 个或与排期规则一样多（${n} 个），现有 ${raw.capacities.length} 个`);
    }
    if (n > 0 && raw.durations.length !== n && raw.durations.length !== 1) {
      c.add(
        `每场时长（schedule_duration_minutes）应为 1 个或与排期规则一样多（${n} 个），现有 ${raw.durations.length} 个`,
      );
    }
    if (c.problems.length > before) return undefined;
    raw.rrules.forEach((r, i) => {
      const label = n > 1 ? `第 ${i + 1} 条排期的` : '排期';
      const rrule = checkRule(c, r);
      const capacity = c.integer(raw.capacities[raw.capacities.length === 1 ? 0 : i], `${label}名额`, 1, 10000, ' 人');
      const durationMinutes = c.integer(
        raw.durations[raw.durations.length === 1 ? 0 : i],
        `${label}每场时长`,
        15,
        720,
        ' 分钟',
      );
      if (rrule && capacity !== undefined && durationMinutes !== undefined)
        out.push({ rrule, capacity, durationMinutes });
    });
  } else {
    const n = raw.items.length;
    if (n > MAX_SCHEDULES_PER_SERVICE) {
      c.add(`排期最多 ${MAX_SCHEDULES_PER_SERVICE} 条（现有 ${n} 条）`);
      return undefined;
    }
    raw.items.forEach((item, i) => {
      const label = n > 1 ? `第 ${i + 1} 条排期的` : '排期';
      if (!isObject(item)) {
        c.add(`第 ${i + 1} 条排期必须是对象`);
        return;
      }
      let rrule: string | undefined;
      if (typeof item.rrule === 'string' && item.rrule.trim()) rrule = checkRule(c, item.rrule.trim());
      else if (
        String(item.freq ?? '').toUpperCase() === 'WEEKLY' &&
        typeof item.byday === 'string' &&
        typeof item.opens_at === 'string'
      ) {
        // HSDS without an rrule: weekly on `byday` at `opens_at`.
        const [h, m] = item.opens_at.split(':').map(Number);
        rrule = checkRule(c, `FREQ=WEEKLY;BYDAY=${item.byday};BYHOUR=${h};BYMINUTE=${m}`);
      } else c.add(`${label}规则缺少 rrule（如 FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=9;BYMINUTE=30）`);
      const capacity = c.integer(item.capacity, `${label}名额（capacity）`, 1, 10000, ' 人');
      const durationMinutes = c.integer(
        item.duration_minutes,
        `${label}每场时长（duration_minutes）`,
        15,
        720,
        ' 分钟',
      );
      let validFrom: string | undefined;
      let validTo: string | null | undefined;
      if (item.valid_from !== undefined && item.valid_from !== null) {
        if (typeof item.valid_from === 'string' && isIsoDate(item.valid_from)) validFrom = item.valid_from;
        else c.add(`${label}生效日期（valid_from）必须是 YYYY-MM-DD 格式`);
      }
      if (item.valid_to === null) validTo = null;
      else if (item.valid_to !== undefined) {
        if (typeof item.valid_to === 'string' && isIsoDate(item.valid_to)) validTo = item.valid_to;
        else c.add(`${label}结束日期（valid_to）必须是 YYYY-MM-DD 格式`);
      }
      if (validFrom && validTo && validTo < validFrom)
        c.add(`${label}结束日期（${validTo}）不能早于生效日期（${validFrom}）`);
      const ext = isObject(item.x_gongyu) ? item.x_gongyu : {};
      const name = ext.name === undefined ? undefined : c.text(ext.name, `${label}活动名称`, 60, true);
      const description =
        ext.description === undefined ? undefined : c.text(ext.description, `${label}活动说明`, 300, false);
      if (rrule && capacity !== undefined && durationMinutes !== undefined) {
        out.push({ rrule, capacity, durationMinutes, validFrom, validTo, name: name || undefined, description });
      }
    });
  }
  return c.problems.length > before ? undefined : out;
}

/* ───────────────────────── Import: planning and writing ───────────────────────── */

type ExistingResource = Awaited<ReturnType<typeof loadExisting>>['resources'][number];

async function loadExisting(db: Queryable, districtId: string) {
  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtId, districtId), eq(orgUnits.kind, 'resourceUnit')));
  const rows = await db
    .select({
      id: resources.id,
      orgUnitId: resources.orgUnitId,
      description: resources.description,
      phone: resources.phone,
      keywords: resources.keywords,
      ageMin: resources.ageMin,
      ageMax: resources.ageMax,
      openingHours: resources.openingHours,
      closures: resources.closures,
      cancelBeforeMinutes: resources.cancelBeforeMinutes,
      status: resources.status,
    })
    .from(resources)
    .where(eq(resources.districtId, districtId));
  const schedules = await db
    .select()
    .from(resourceSchedules)
    .where(eq(resourceSchedules.districtId, districtId))
    .orderBy(asc(resourceSchedules.createdAt), asc(resourceSchedules.rrule));
  return { units, resources: rows, schedules };
}

interface Planned {
  draft: Draft;
  /** The stored resource this record updates, if any. */
  existing?: ExistingResource;
}

/** Opening hours for a new listing that names none: the schedule's days, 09:00–17:00 widened to its sessions. */
function defaultOpeningHours(schedules: ScheduleDraft[]): OpeningHours {
  return hoursCovering({ days: [], opens: '09:00', closes: '17:00' }, schedules);
}

const scheduleKey = (s: {
  rrule: string;
  capacity: number;
  durationMinutes: number;
  validFrom: string;
  validTo: string | null;
  name: string;
  description: string;
}) => JSON.stringify([s.rrule, s.capacity, s.durationMinutes, s.validFrom, s.validTo, s.name, s.description]);

/**
 * Imports a district's directory from HSDS JSON or services.csv. All or nothing: with any row error nothing
 * is written and every error is returned; `dryRun` validates and counts only. A real import validates and
 * writes inside one transaction, so what was checked is what gets written.
 */
export async function importDirectory(
  db: Database,
  actor: Actor,
  input: ImportInput,
  ip: string,
): Promise<ImportResult> {
  if (!can(actor, 'directory:import', { districtId: input.districtId })) {
    throw new AppError('FORBIDDEN', '只能导入本区的资源目录');
  }
  const records = input.format === 'csv' ? readCsv(input.content) : readJson(input.content);
  if (records.length === 0) throw new AppError('VALIDATION_FAILED', '文件中没有任何资源记录');
  if (input.dryRun) return (await planImport(db, input, records)).result;
  return db.transaction(async (tx) => {
    const { result, planned, existing, ctx } = await planImport(tx, input, records);
    if (result.errors.length > 0) return result;
    const stats = await writePlan(tx, input.districtId, planned, existing, ctx);
    await recordAudit(tx, {
      actor,
      action: 'directory.import',
      recordType: 'directory',
      recordId: input.districtId,
      districtId: input.districtId,
      purpose: '导入资源目录',
      ip,
      detail: {
        format: input.format,
        records: planned.length,
        created: result.created,
        updated: result.updated,
        ...stats,
      },
    });
    return result;
  });
}

/** Validates every record and decides create or update; reads only. */
async function planImport(db: Queryable, input: ImportInput, records: RawRecord[]) {
  const [district] = await db.select({ id: districts.id }).from(districts).where(eq(districts.id, input.districtId));
  if (!district) {
    throw new AppError('VALIDATION_FAILED', `区代码 ${input.districtId} 不存在`, [
      { path: 'body.districtId', message: '区代码不存在' },
    ]);
  }
  const errors: ImportResult['errors'] = [];
  let omitted = 0;
  const report = (row: number, where: string, message: string) => {
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ row, message: `${where}：${message}` });
    else omitted++;
  };
  if (records.length > MAX_IMPORT_RECORDS) {
    const first = records[MAX_IMPORT_RECORDS]!;
    report(
      first.row,
      first.where,
      `单次最多导入 ${MAX_IMPORT_RECORDS} 条，本文件共 ${records.length} 条；从这里起的 ${records.length - MAX_IMPORT_RECORDS} 条未处理，请分批导入`,
    );
  }

  const ctx: Context = {
    districtId: input.districtId,
    termsById: new Map((await allTerms(db)).map((t) => [t.id, t])),
    today: todayInBeijing(),
  };
  const existing = await loadExisting(db, input.districtId);
  const unitByName = new Map(existing.units.map((u) => [u.name, u.id]));
  const resourceById = new Map(existing.resources.map((r) => [r.id, r]));
  const seenIds = new Map<string, string>();
  const planned: Planned[] = [];
  for (const raw of records.slice(0, MAX_IMPORT_RECORDS)) {
    const { draft, problems } = await validate(db, raw, ctx);
    if (draft?.serviceId) {
      const first = seenIds.get(draft.serviceId.toLowerCase());
      if (first) problems.push(`服务编号 ${draft.serviceId} 与${first}重复，同一资源只能出现一次`);
      else seenIds.set(draft.serviceId.toLowerCase(), raw.where);
    }
    if (!draft || problems.length > 0) {
      problems.forEach((p) => report(raw.row, raw.where, p));
      continue;
    }
    // Updated when the id names a listing of this district under the same unit; otherwise a new listing.
    const unitId = unitByName.get(draft.orgName);
    const match =
      draft.serviceId && UUID.test(draft.serviceId) ? resourceById.get(draft.serviceId.toLowerCase()) : undefined;
    const plan: Planned = { draft, existing: match && unitId && match.orgUnitId === unitId ? match : undefined };
    // Ages are checked against what the row leaves unchanged, too.
    const ageMin = draft.ageMin ?? plan.existing?.ageMin ?? 3;
    const ageMax = draft.ageMax ?? plan.existing?.ageMax ?? 18;
    if (ageMin > ageMax) {
      report(raw.row, raw.where, `最小年龄（${ageMin}）不能大于最大年龄（${ageMax}）`);
      continue;
    }
    planned.push(plan);
  }
  if (omitted > 0) errors.push({ row: 0, message: `另有 ${omitted} 个问题未列出，请先修正以上问题后再检查` });

  const updated = planned.filter((p) => p.existing).length;
  // With errors these are the counts the import would have had; nothing is written.
  const result: ImportResult = { created: planned.length - updated, updated, errors, dryRun: input.dryRun };
  return { result, planned, existing, ctx };
}

/** Writes a validated plan; `tx` only (on PGlite the outer handle would deadlock inside the transaction). */
async function writePlan(
  tx: Queryable,
  districtId: string,
  planned: Planned[],
  existing: Awaited<ReturnType<typeof loadExisting>>,
  ctx: Context,
) {
  const now = new Date();

  // 1. Resource units (HSDS organizations) found by name, created when missing.
  const unitByName = new Map(existing.units.map((u) => [u.name, u.id]));
  const newUnits = new Map<string, Draft>();
  for (const { draft } of planned)
    if (!unitByName.has(draft.orgName) && !newUnits.has(draft.orgName)) newUnits.set(draft.orgName, draft);
  if (newUnits.size > 0) {
    for (const chunk of chunks([...newUnits.values()], 500)) {
      const rows = await tx
        .insert(orgUnits)
        .values(
          chunk.map((d) => ({
            districtId,
            kind: 'resourceUnit' as const,
            name: d.orgName,
            address: d.address,
            location: { x: d.lng, y: d.lat },
          })),
        )
        .onConflictDoNothing()
        .returning({ id: orgUnits.id, name: orgUnits.name });
      rows.forEach((u) => unitByName.set(u.name, u.id));
    }
    // Created meanwhile by someone else (PostgreSQL): use theirs.
    const absent = [...newUnits.keys()].filter((n) => !unitByName.has(n));
    if (absent.length > 0) {
      const rows = await tx
        .select({ id: orgUnits.id, name: orgUnits.name })
        .from(orgUnits)
        .where(
          and(eq(orgUnits.districtId, districtId), eq(orgUnits.kind, 'resourceUnit'), inArray(orgUnits.name, absent)),
        );
      rows.forEach((u) => unitByName.set(u.name, u.id));
    }
  }

  // 2. Resources: the final values of every field, then one insert per chunk of new ones and one update each.
  const schedulesOf = new Map<string, ScheduleRow[]>();
  for (const s of existing.schedules) schedulesOf.set(s.resourceId, [...(schedulesOf.get(s.resourceId) ?? []), s]);
  const priceFree = ctx.termsById.get('price:free');
  const inserts: (typeof resources.$inferInsert)[] = [];
  const finals: {
    id: string;
    closures: string[];
    old: ScheduleRow[];
    next?: Omit<ScheduleRow, 'id' | 'createdAt'>[];
  }[] = [];
  let resourcesUpdated = 0;
  for (const { draft, existing: ex } of planned) {
    const id = ex?.id ?? randomUUID();
    const old = ex ? (schedulesOf.get(ex.id) ?? []) : [];
    const next = draft.schedules?.map((s) => {
      // Programme names and validity are not in services.csv: keep those of the same rule, else of the first.
      const same = old.find((o) => o.rrule === s.rrule) ?? old[0];
      return {
        districtId,
        resourceId: id,
        name: s.name ?? same?.name ?? `${draft.name}预约场次`,
        description: s.description ?? same?.description ?? '',
        rrule: s.rrule,
        validFrom: s.validFrom ?? old.find((o) => o.rrule === s.rrule)?.validFrom ?? ctx.today,
        validTo: s.validTo !== undefined ? s.validTo : (old.find((o) => o.rrule === s.rrule)?.validTo ?? null),
        durationMinutes: s.durationMinutes,
        capacity: s.capacity,
      };
    });
    const terms = draft.terms.map((t) => t.id);
    const labelled = draft.terms.map((t) => ({ id: t.id, label: t.label }));
    if (!draft.terms.some((t) => t.facet === 'price')) {
      terms.push('price:free');
      if (priceFree) labelled.push({ id: priceFree.id, label: priceFree.label });
    }
    const description = draft.description ?? ex?.description ?? '';
    const keywords = draft.keywords ?? ex?.keywords ?? [];
    const programmes = (next ?? old).map((s) => `${s.name} ${s.description}`).join(' ');
    const values = {
      name: draft.name,
      description,
      address: draft.address,
      location: { x: draft.lng, y: draft.lat },
      phone: draft.phone !== undefined ? draft.phone : (ex?.phone ?? null),
      terms,
      keywords,
      ageMin: draft.ageMin ?? ex?.ageMin ?? 3,
      ageMax: draft.ageMax ?? ex?.ageMax ?? 18,
      openingHours:
        draft.openingHours ??
        (ex?.openingHours as OpeningHours | undefined) ??
        defaultOpeningHours(draft.schedules ?? []),
      closures: draft.closures ?? ex?.closures ?? [],
      cancelBeforeMinutes: draft.cancelBeforeMinutes ?? ex?.cancelBeforeMinutes ?? 120,
      status: draft.status ?? ex?.status ?? 'active',
      ...searchTokens({ name: draft.name, keywords, description: `${description} ${programmes}`, terms: labelled }),
      verifiedAt: now,
      updatedAt: now,
    };
    if (ex) {
      await tx
        .update(resources)
        .set(values)
        .where(and(eq(resources.districtId, districtId), eq(resources.id, ex.id)));
      resourcesUpdated++;
    } else {
      inserts.push({ ...values, districtId, id, orgUnitId: unitByName.get(draft.orgName)! });
    }
    finals.push({ id, closures: values.closures, old, next });
  }
  for (const chunk of chunks(inserts, 200)) await tx.insert(resources).values(chunk);

  // 3. Schedules: replaced by the imported ones (unchanged sets are left alone, so their slots keep their ids).
  const replaced = finals.filter((f) => {
    if (!f.next) return false;
    const a = f.old.map(scheduleKey).sort();
    const b = f.next.map(scheduleKey).sort();
    return a.length !== b.length || a.some((k, i) => k !== b[i]);
  });
  const oldIds = replaced.flatMap((f) => f.old.map((s) => s.id));
  for (const ids of chunks(oldIds, 500)) {
    // Future sessions nobody holds a seat in go; booked ones stay (detached) so families keep their bookings.
    await tx
      .delete(slots)
      .where(
        and(
          eq(slots.districtId, districtId),
          inArray(slots.scheduleId, ids),
          gte(slots.startsAt, now),
          eq(slots.taken, 0),
          sql`NOT EXISTS (SELECT 1 FROM bookings b WHERE b.district_id = ${slots.districtId} AND b.slot_id = ${slots.id})`,
        ),
      );
    await tx
      .update(slots)
      .set({ scheduleId: null })
      .where(and(eq(slots.districtId, districtId), inArray(slots.scheduleId, ids)));
    await tx
      .delete(resourceSchedules)
      .where(and(eq(resourceSchedules.districtId, districtId), inArray(resourceSchedules.id, ids)));
  }
  const closuresOf = new Map(replaced.map((f) => [f.id, f.closures]));
  const newSchedules = replaced.flatMap((f) => f.next ?? []);
  let slotsCreated = 0;
  for (const chunk of chunks(newSchedules, 500)) {
    const rows = await tx.insert(resourceSchedules).values(chunk).returning();
    slotsCreated += await generateSlots(
      tx,
      rows.map((schedule) => ({ schedule, closures: closuresOf.get(schedule.resourceId) ?? [] })),
      ctx.today,
      SLOT_HORIZON_DAYS,
    );
  }
  return {
    unitsCreated: newUnits.size,
    resourcesUpdated,
    schedulesReplaced: replaced.length,
    schedulesDeleted: oldIds.length,
    schedulesCreated: newSchedules.length,
    slotsCreated,
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
