/**
 * Open Referral HSDS export: an HSDS-3.0-shaped JSON document or a flat services.csv (see ./format.ts).
 */
import { and, asc, eq } from 'drizzle-orm';
import { type OpeningHours } from '../../../../shared/contract/resources.js';
import type { Database, Queryable } from '../../../db/client.js';
import { districts, orgUnits, resources, resourceSchedules } from '../../../db/schema.js';
import { resourceColumns, type ScheduleRow } from '../repository.js';
import { describeRule, parseWeeklyRule } from '../schedule.js';
import { allTerms, type TermRow } from '../taxonomy.js';
import { CSV_COLUMNS, type CsvColumn, csvField, derivedId, pad2, iso, HSDS_VERSION } from './format.js';

async function loadDirectory(db: Queryable, districtId: string | undefined) {
  const rows = await db
    .select(resourceColumns)
    .from(resources)
    .innerJoin(districts, eq(districts.id, resources.districtId))
    .innerJoin(orgUnits, and(eq(orgUnits.districtId, resources.districtId), eq(orgUnits.id, resources.orgUnitId)))
    .where(districtId ? eq(resources.districtId, districtId) : undefined)
    .orderBy(asc(resources.districtId), asc(orgUnits.name), asc(resources.name), asc(resources.id));
  const schedules = await db
    .select()
    .from(resourceSchedules)
    .where(districtId ? eq(resourceSchedules.districtId, districtId) : undefined)
    .orderBy(asc(resourceSchedules.createdAt), asc(resourceSchedules.rrule), asc(resourceSchedules.id));
  const schedulesOf = new Map<string, ScheduleRow[]>();
  for (const s of schedules) {
    const key = `${s.districtId}:${s.resourceId}`;
    schedulesOf.set(key, [...(schedulesOf.get(key) ?? []), s]);
  }
  return rows.map((r) => ({
    ...r,
    lat: Number(r.lat),
    lng: Number(r.lng),
    schedules: schedulesOf.get(`${r.districtId}:${r.id}`) ?? [],
  }));
}

type DirectoryRow = Awaited<ReturnType<typeof loadDirectory>>[number];

function hsdsSchedule(s: ScheduleRow, serviceId: string) {
  const rule = parseWeeklyRule(s.rrule);
  const single = rule.hours.length === 1 && rule.minutes.length === 1;
  const start = single ? rule.hours[0]! * 60 + rule.minutes[0]! : 0;
  const end = Math.min(start + s.durationMinutes, 23 * 60 + 59);
  return {
    id: s.id,
    service_id: serviceId,
    rrule: s.rrule,
    freq: 'WEEKLY',
    byday: rule.days.join(','),
    ...(single
      ? {
          opens_at: `${pad2(rule.hours[0]!)}:${pad2(rule.minutes[0]!)}`,
          closes_at: `${pad2(Math.floor(end / 60))}:${pad2(end % 60)}`,
        }
      : {}),
    timezone: 'Asia/Shanghai',
    valid_from: s.validFrom,
    valid_to: s.validTo,
    description: describeRule(s.rrule, s.durationMinutes),
    capacity: s.capacity,
    duration_minutes: s.durationMinutes,
    x_gongyu: { name: s.name, description: s.description },
  };
}

function hsdsService(r: DirectoryRow, termsById: Map<string, TermRow>) {
  const locationId = derivedId(r.id, 'location');
  return {
    id: r.id,
    organization_id: r.orgUnitId,
    name: r.name,
    description: r.description,
    status: r.status === 'active' ? 'active' : 'inactive',
    email: null,
    phone: r.phone ? [{ number: r.phone }] : [],
    attributes: r.terms.map((id) => {
      const term = termsById.get(id);
      return { taxonomy_term: { id, term: term?.label ?? id, taxonomy: term?.facet ?? id.split(':')[0] } };
    }),
    eligibility: { minimum_age: r.ageMin, maximum_age: r.ageMax },
    schedules: r.schedules.map((s) => hsdsSchedule(s, r.id)),
    service_at_locations: [
      {
        id: derivedId(r.id, 'service_at_location'),
        service_id: r.id,
        location_id: locationId,
        location: {
          id: locationId,
          location_type: 'physical',
          name: r.name,
          latitude: r.lat,
          longitude: r.lng,
          addresses: [
            {
              address_type: 'physical',
              address_1: r.address,
              city: '北京市',
              region: r.districtName,
              state_province: '北京市',
              country: 'CN',
            },
          ],
        },
      },
    ],
    last_verified_at: iso(r.verifiedAt),
    x_gongyu: {
      keywords: r.keywords,
      opening_hours: r.openingHours,
      closures: r.closures,
      cancel_before_minutes: r.cancelBeforeMinutes,
      district_id: r.districtId,
    },
  };
}

function csvRow(r: DirectoryRow): string {
  const hours = r.openingHours as Partial<OpeningHours> | null;
  const values: Record<CsvColumn, string | number | null> = {
    organization_id: r.orgUnitId,
    organization_name: r.unitName,
    service_id: r.id,
    service_name: r.name,
    description: r.description,
    district_id: r.districtId,
    address: r.address,
    latitude: r.lat,
    longitude: r.lng,
    phone: r.phone,
    terms: r.terms.join('|'),
    keywords: r.keywords.join('|'),
    minimum_age: r.ageMin,
    maximum_age: r.ageMax,
    opening_days: (hours?.days ?? []).join('|'),
    opens_at: hours?.opens ?? '',
    closes_at: hours?.closes ?? '',
    schedule_rrules: r.schedules.map((s) => s.rrule).join('|'),
    schedule_capacity: r.schedules.map((s) => s.capacity).join('|'),
    schedule_duration_minutes: r.schedules.map((s) => s.durationMinutes).join('|'),
    last_verified_at: iso(r.verifiedAt),
  };
  return CSV_COLUMNS.map((c) => csvField(values[c])).join(',');
}

/** The directory of one district (or the whole city) as HSDS JSON or services.csv, ready to download. */
export async function exportDirectory(
  db: Database,
  districtId: string | undefined,
  format: 'json' | 'csv',
): Promise<string> {
  const rows = await loadDirectory(db, districtId);
  if (format === 'csv') {
    return `\uFEFF${[CSV_COLUMNS.join(','), ...rows.map(csvRow)].join('\r\n')}\r\n`;
  }
  const termsById = new Map((await allTerms(db)).map((t) => [t.id, t]));
  const organizations: {
    id: string;
    name: string;
    x_gongyu: { district_id: string };
    services: ReturnType<typeof hsdsService>[];
  }[] = [];
  for (const r of rows) {
    let org = organizations.at(-1);
    if (!org || org.id !== r.orgUnitId) {
      org = { id: r.orgUnitId, name: r.unitName, x_gongyu: { district_id: r.districtId }, services: [] };
      organizations.push(org);
    }
    org.services.push(hsdsService(r, termsById));
  }
  return `${JSON.stringify({ hsds_version: HSDS_VERSION, generated_at: new Date().toISOString(), organizations }, null, 2)}\n`;
}

/* ───────────────────────── Import: reading records ───────────────────────── */
