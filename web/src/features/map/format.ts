/**
 * Display helpers for 教育新地图 and 预约, always in Beijing time (a parent abroad still books Beijing sessions).
 */
import { WEEKDAYS, weekdayLabels, type OpeningHours, type Slot } from '../../../../shared/contract/resources.js';

const TZ = 'Asia/Shanghai';
const dateKeyFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });
const weekdayFormat = new Intl.DateTimeFormat('en-US', { timeZone: TZ, weekday: 'short' });
const weekdayCodes: Record<string, (typeof WEEKDAYS)[number]> = {
  Mon: 'MO',
  Tue: 'TU',
  Wed: 'WE',
  Thu: 'TH',
  Fri: 'FR',
  Sat: 'SA',
  Sun: 'SU',
};

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** The Beijing calendar date, YYYY-MM-DD. */
export function beijingDateKey(value: string | number | Date): string {
  return dateKeyFormat.format(toDate(value));
}

/** 09:30 in Beijing time. */
export function timeLabel(value: string | number | Date): string {
  return timeFormat.format(toDate(value));
}

/** 12月5日 for a moment or a YYYY-MM-DD key. */
export function monthDayLabel(value: string | number | Date): string {
  const key = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : beijingDateKey(value);
  const [, m, d] = key.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** MO … SU (Beijing time) for a moment or a YYYY-MM-DD key. */
export function weekdayCode(value: string | number | Date): (typeof WEEKDAYS)[number] | undefined {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+08:00`) : toDate(value);
  return weekdayCodes[weekdayFormat.format(date)];
}

/** 周五 for a moment or a YYYY-MM-DD key. */
export function weekdayLabel(value: string | number | Date): string {
  const code = weekdayCode(value);
  return code ? weekdayLabels[code] : '';
}

/** Whole days from Beijing today to the Beijing date of `value` (0 today, 1 tomorrow, -1 yesterday). */
export function daysFromToday(value: string | number | Date, now: number = Date.now()): number {
  const a = Date.parse(`${beijingDateKey(now)}T00:00:00+08:00`);
  const b = Date.parse(`${beijingDateKey(value)}T00:00:00+08:00`);
  return Math.round((b - a) / 86_400_000);
}

/** 今天 / 明天 / 后天 / 12月5日 周五. */
export function dayLabel(value: string | number | Date, now: number = Date.now()): string {
  const days = daysFromToday(value, now);
  if (days === 0) return '今天';
  if (days === 1) return '明天';
  if (days === 2) return '后天';
  return `${monthDayLabel(value)} ${weekdayLabel(value)}`;
}

/** 12月5日 周五 09:30–11:00 */
export function sessionLabel(startsAt: string, endsAt: string): string {
  return `${monthDayLabel(startsAt)} ${weekdayLabel(startsAt)} ${timeLabel(startsAt)}–${timeLabel(endsAt)}`;
}

/** 850 米 / 1.2 公里 / 23 公里 */
export function distanceLabel(meters: number | null | undefined): string | null {
  if (meters === null || meters === undefined || !Number.isFinite(meters)) return null;
  if (meters < 1000) return `${Math.max(10, Math.round(meters / 10) * 10)} 米`;
  if (meters < 10_000) return `${(meters / 1000).toFixed(1)} 公里`;
  return `${Math.round(meters / 1000)} 公里`;
}

/** 明天 09:30 余 12 位 / 明天 09:30 已约满 */
export function nextSlotLabel(slot: Pick<Slot, 'startsAt' | 'available'>, now: number = Date.now()): string {
  const when = `${dayLabel(slot.startsAt, now)} ${timeLabel(slot.startsAt)}`;
  return slot.available > 0 ? `${when} 余 ${slot.available} 位` : `${when} 已约满`;
}

/** 周二至周日 09:00–17:00; 周一、周三、周五 09:00–17:00; 每天 09:00–17:00. */
export function openingHoursLabel(hours: OpeningHours): string {
  const open = new Set(hours.days);
  const time = `${hours.opens}–${hours.closes}`;
  if (open.size === 7) return `每天 ${time}`;
  const idx = WEEKDAYS.map((d, i) => (open.has(d) ? i : -1)).filter((i) => i >= 0);
  // Runs of consecutive days, in week order (周一 … 周日).
  const runs: number[][] = [];
  for (const i of idx) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === i - 1) last.push(i);
    else runs.push([i]);
  }
  const name = (i: number) => weekdayLabels[WEEKDAYS[i]!];
  const parts = runs.map((run) =>
    run.length >= 3 ? `${name(run[0]!)}至${name(run[run.length - 1]!)}` : run.map(name).join('、'),
  );
  return `${parts.join('、')} ${time}`;
}

/** The age range: 6–12 岁. */
export function ageRangeLabel(min: number, max: number): string {
  return min === max ? `${min} 岁` : `${min}–${max} 岁`;
}

/** 4:05 for a countdown. */
export function countdownLabel(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
