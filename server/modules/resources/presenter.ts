/** Resource rows → API shapes. */
import type { OpeningHours, ResourceDetail, SearchHit, Slot, Weekday } from '../../../shared/contract/resources.js';
import { beijingDate, describeRule, weekdayOf } from './schedule.js';
import type { SearchRow } from './search.js';
import type { TermRow } from './taxonomy.js';

const STALE_AFTER_MS = 183 * 86_400_000;

export function isStale(verifiedAt: Date | string, now = Date.now()): boolean {
  return now - new Date(verifiedAt).getTime() > STALE_AFTER_MS;
}

const iso = (v: Date | string) => new Date(v).toISOString();

/** Open at this instant, by the weekly pattern and closures (Beijing time). */
export function isOpenAt(hours: OpeningHours, closures: readonly string[], instant: Date): boolean {
  const date = beijingDate(instant);
  if (closures.includes(date)) return false;
  const time = new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  return hours.days.includes(weekdayOf(date) as Weekday) && hours.opens <= time && time < hours.closes;
}

export function presentSlot(s: {
  id: string;
  districtId: string;
  resourceId: string;
  startsAt: Date | string;
  endsAt: Date | string;
  capacity: number;
  taken: number;
  status: string;
}): Slot {
  return {
    id: s.id,
    districtId: s.districtId,
    resourceId: s.resourceId,
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    capacity: s.capacity,
    available: Math.max(0, s.capacity - s.taken),
    status: s.status as Slot['status'],
  };
}

function formatKm(metres: number): string {
  return metres < 1000 ? `${Math.round(metres / 10) * 10} 米` : `${(metres / 1000).toFixed(1)} 公里`;
}

/** "今天" / "明天" / "12月5日" for a slot start, in Beijing. */
export function dayWord(startsAt: Date, now = new Date()): string {
  const day = beijingDate(startsAt);
  const today = beijingDate(now);
  const tomorrow = beijingDate(new Date(now.getTime() + 86_400_000));
  if (day === today) return '今天';
  if (day === tomorrow) return '明天';
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

export function presentHit(
  row: SearchRow,
  termsById: Map<string, TermRow>,
  tokens: string[],
  childAge: number | undefined,
): SearchHit {
  const reasons: string[] = [];
  const dist = row.dist === null ? null : Number(row.dist);
  if (dist !== null) reasons.push(`距离 ${formatKm(dist)}`);
  const domains = row.terms
    .filter((t) => t.startsWith('domain:'))
    .map((t) => termsById.get(t)?.label)
    .filter(Boolean);
  reasons.push(...(domains.slice(0, 2) as string[]));
  const matched = (row.matched ?? []).filter((t) => tokens.includes(t));
  // The longest matched words say the most (科技馆 rather than 科技 and 科技馆).
  const shown = matched.filter((t) => !matched.some((o) => o !== t && o.includes(t))).slice(0, 3);
  if (shown.length > 0) reasons.push(`匹配“${shown.join(' ')}”`);
  if (childAge !== undefined && Number(row.fit_score) === 1) reasons.push(`适合 ${childAge} 岁`);
  if (row.slot_id && row.slot_starts_at) {
    reasons.push(`${dayWord(new Date(row.slot_starts_at))}有余位`);
  }
  if (row.terms.includes('price:free')) reasons.push('免费');
  const hours = row.opening_hours as OpeningHours;
  return {
    id: row.id,
    districtId: row.district_id,
    districtName: row.district_name,
    orgUnitId: row.org_unit_id,
    unitName: row.unit_name,
    name: row.name,
    address: row.address,
    lat: Number(row.lat),
    lng: Number(row.lng),
    terms: row.terms,
    ageMin: row.age_min,
    ageMax: row.age_max,
    free: row.terms.includes('price:free'),
    stale: isStale(row.verified_at),
    verifiedAt: iso(row.verified_at),
    distanceMeters: dist === null ? null : Math.round(dist),
    score: round(Number(row.score)),
    scoreParts: {
      text: round(Number(row.text_score)),
      distance: round(Number(row.distance_score)),
      fit: round(Number(row.fit_score)),
      availability: round(Number(row.availability_score)),
    },
    reasons,
    nextSlot:
      row.slot_id && row.slot_starts_at && row.slot_ends_at
        ? presentSlot({
            id: row.slot_id,
            districtId: row.district_id,
            resourceId: row.id,
            startsAt: row.slot_starts_at,
            endsAt: row.slot_ends_at,
            capacity: Number(row.slot_capacity),
            taken: Number(row.slot_taken),
            status: 'open',
          })
        : null,
    openNow: hours && Array.isArray(hours.days) ? isOpenAt(hours, row.closures ?? [], new Date()) : null,
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export interface ResourceRowForDetail {
  districtId: string;
  id: string;
  orgUnitId: string;
  name: string;
  description: string;
  address: string;
  lat: number;
  lng: number;
  phone: string | null;
  terms: string[];
  keywords: string[];
  ageMin: number;
  ageMax: number;
  openingHours: unknown;
  closures: string[];
  cancelBeforeMinutes: number;
  status: string;
  verifiedAt: Date;
  districtName: string;
  unitName: string;
}

export function presentResource(
  r: ResourceRowForDetail,
  schedules: {
    id: string;
    name: string;
    description: string;
    rrule: string;
    validFrom: string;
    validTo: string | null;
    durationMinutes: number;
    capacity: number;
  }[],
  allowed: { manage: boolean; book: boolean },
): ResourceDetail {
  return {
    id: r.id,
    districtId: r.districtId,
    districtName: r.districtName,
    orgUnitId: r.orgUnitId,
    unitName: r.unitName,
    name: r.name,
    address: r.address,
    lat: Number(r.lat),
    lng: Number(r.lng),
    terms: r.terms,
    ageMin: r.ageMin,
    ageMax: r.ageMax,
    free: r.terms.includes('price:free'),
    stale: isStale(r.verifiedAt),
    verifiedAt: iso(r.verifiedAt),
    description: r.description,
    phone: r.phone,
    keywords: r.keywords,
    openingHours: r.openingHours as OpeningHours,
    closures: r.closures,
    cancelBeforeMinutes: r.cancelBeforeMinutes,
    status: r.status as ResourceDetail['status'],
    schedules: schedules.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      rrule: s.rrule,
      summary: describeRule(s.rrule, s.durationMinutes),
      validFrom: s.validFrom,
      validTo: s.validTo,
      durationMinutes: s.durationMinutes,
      capacity: s.capacity,
    })),
    allowed,
  };
}
