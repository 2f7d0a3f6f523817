/**
 * Weekly schedules as iCalendar RRULEs (RFC 5545, the form Open Referral HSDS uses for `schedule.rrule`).
 * We accept the weekly subset programmes need — FREQ=WEEKLY with BYDAY, BYHOUR and BYMINUTE (their cross
 * product gives the start times) — and expand it into dated sessions. Times are Beijing time (UTC+8, no DST).
 */
import { WEEKDAYS, weekdayLabels, type OpeningHours, type Weekday } from '../../../shared/contract/resources.js';
import { AppError } from '../../http/errors.js';

export interface WeeklyRule {
  days: Weekday[];
  hours: number[];
  minutes: number[];
}

/** Beijing has not observed daylight saving since 1991: a fixed offset is exact. */
export const BEIJING_OFFSET = '+08:00';

/** Builds RRULEs for start times 'HH:MM': times sharing a minute share a rule (BYHOUR × BYMINUTE is a product). */
export function rulesForTimes(days: Weekday[], times: string[]): string[] {
  const byMinute = new Map<number, Set<number>>();
  for (const time of times) {
    const [h, m] = time.split(':').map(Number) as [number, number];
    byMinute.set(m, (byMinute.get(m) ?? new Set()).add(h));
  }
  const orderedDays = WEEKDAYS.filter((d) => days.includes(d));
  return [...byMinute]
    .sort(([a], [b]) => a - b)
    .map(
      ([minute, hours]) =>
        `FREQ=WEEKLY;BYDAY=${orderedDays.join(',')};BYHOUR=${[...hours].sort((a, b) => a - b).join(',')};BYMINUTE=${minute}`,
    );
}

/** Parses our weekly subset; anything else is refused with a Chinese message rather than half-understood. */
export function parseWeeklyRule(rrule: string): WeeklyRule {
  const parts = new Map<string, string>();
  for (const piece of rrule.replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = piece.split('=');
    if (!key || value === undefined) throw invalid(rrule, '格式应为 KEY=VALUE;…');
    parts.set(key.toUpperCase(), value.toUpperCase());
  }
  if (parts.get('FREQ') !== 'WEEKLY') throw invalid(rrule, '只支持 FREQ=WEEKLY');
  for (const key of parts.keys()) {
    if (!['FREQ', 'BYDAY', 'BYHOUR', 'BYMINUTE', 'INTERVAL', 'WKST'].includes(key))
      throw invalid(rrule, `不支持 ${key}`);
  }
  if ((parts.get('INTERVAL') ?? '1') !== '1') throw invalid(rrule, '只支持每周（INTERVAL=1）');
  const days = (parts.get('BYDAY') ?? '').split(',').filter(Boolean);
  if (days.length === 0 || !days.every((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d))) {
    throw invalid(rrule, 'BYDAY 必须是 MO…SU');
  }
  const numbers = (key: string, max: number) => {
    const values = (parts.get(key) ?? '').split(',').filter(Boolean).map(Number);
    if (values.length === 0 || !values.every((n) => Number.isInteger(n) && n >= 0 && n <= max)) {
      throw invalid(rrule, `${key} 必须是 0–${max} 的整数`);
    }
    return [...new Set(values)].sort((a, b) => a - b);
  };
  return { days: days as Weekday[], hours: numbers('BYHOUR', 23), minutes: numbers('BYMINUTE', 59) };
}

function invalid(rrule: string, why: string) {
  return new AppError('VALIDATION_FAILED', `排期规则“${rrule}”无效：${why}`);
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

const DAY_MS = 86_400_000;

/** The ISO date (YYYY-MM-DD) in Beijing of an instant. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6, for a calendar date. */
function weekdayIndex(isoDate: string): number {
  return (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function weekdayOf(isoDate: string): Weekday {
  return WEEKDAYS[weekdayIndex(isoDate)]!;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(new Date(`${isoDate}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Sessions of `rrule` on the dates [from, from + days), clipped to the schedule's validity and skipping
 * closure dates. Pure: the caller decides the window (we keep 28 days of slots ahead).
 */
export function expandRule(options: {
  rrule: string;
  durationMinutes: number;
  from: string;
  days: number;
  validFrom: string;
  validTo: string | null;
  closures?: readonly string[];
}): Occurrence[] {
  const rule = parseWeeklyRule(options.rrule);
  const closures = new Set(options.closures ?? []);
  const out: Occurrence[] = [];
  for (let i = 0; i < options.days; i++) {
    const date = addDays(options.from, i);
    if (date < options.validFrom || (options.validTo && date > options.validTo) || closures.has(date)) continue;
    if (!rule.days.includes(weekdayOf(date))) continue;
    for (const hour of rule.hours) {
      for (const minute of rule.minutes) {
        const startsAt = new Date(`${date}T${pad(hour)}:${pad(minute)}:00${BEIJING_OFFSET}`);
        out.push({ startsAt, endsAt: new Date(startsAt.getTime() + options.durationMinutes * 60_000) });
      }
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "每周六、周日 09:30、14:30" — for people, next to the machine-readable rule. */
export function describeRule(rrule: string, durationMinutes: number): string {
  const rule = parseWeeklyRule(rrule);
  const days = rule.days.map((d) => weekdayLabels[d]).join('、');
  const times = rule.hours.flatMap((h) => rule.minutes.map((m) => `${pad(h)}:${pad(m)}`)).join('、');
  return `每${days} ${times}，每场 ${durationMinutes} 分钟`;
}

/**
 * Opening hours widened to cover every session of the schedules (a listing must be open while its
 * programme runs). Days of `base` are kept; with no days at all, every day.
 */
export function hoursCovering(
  base: OpeningHours,
  schedules: readonly { rrule: string; durationMinutes: number }[],
): OpeningHours {
  const days = new Set<Weekday>(base.days);
  let { opens, closes } = base;
  for (const s of schedules) {
    const rule = parseWeeklyRule(s.rrule);
    rule.days.forEach((d) => days.add(d));
    for (const h of rule.hours) {
      for (const m of rule.minutes) {
        const endMinutes = Math.min(h * 60 + m + s.durationMinutes, 23 * 60 + 59);
        const start = `${pad(h)}:${pad(m)}`;
        const end = `${pad(Math.floor(endMinutes / 60))}:${pad(endMinutes % 60)}`;
        if (start < opens) opens = start;
        if (end > closes) closes = end;
      }
    }
  }
  return { days: days.size > 0 ? WEEKDAYS.filter((d) => days.has(d)) : [...WEEKDAYS], opens, closes };
}
