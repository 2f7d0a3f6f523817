import { isApiError } from '../../api/client.js';

/** Helpers shared by the staff pages of 教育新地图 (今日预约, 资源管理, 资源标签, 资源单位接入). */

const TZ = 'Asia/Shanghai';
const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const hourMinute = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const weekdayShort = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, weekday: 'short' });

/** Today's calendar date in Beijing, YYYY-MM-DD. */
export function beijingToday(): string {
  return isoDay.format(new Date());
}

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 10) : isoDay.format(date);
}

/** 09:30 in Beijing time. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : hourMinute.format(date);
}

/** 09:30–11:00 */
export function formatTimeRange(startsAt: string, endsAt: string): string {
  return `${formatTime(startsAt)}–${formatTime(endsAt)}`;
}

/** 12月5日 周六 (Beijing time). */
export function formatDayLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const [, month, day] = isoDay.format(date).split('-').map(Number);
  return `${month}月${day}日 ${weekdayShort.format(date)}`;
}

/**
 * Field errors of a problem (`body.openingHours.opens`, `body.times.1`) as antd Form field names
 * (`['openingHours', 'opens']`, `['times']`), so nested fields show their own Chinese message.
 * `rename` maps a top-level field the form names differently (e.g. `validFrom` → `validRange`).
 */
export function antdFieldErrors(
  error: unknown,
  known: readonly string[],
  rename: Record<string, string> = {},
): { name: (string | number)[]; errors: string[] }[] {
  if (!isApiError(error)) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const { path, message } of error.errors) {
    const parts = path
      .replace(/^(body|query|params)\.?/, '')
      .split('.')
      .filter(Boolean);
    if (!parts.length) continue;
    const head = rename[parts[0]!] ?? parts[0]!;
    // Nested objects keep their path; list items (times.1, closures.0) are shown on the whole list.
    const name: (string | number)[] = [head];
    for (const part of parts.slice(1)) {
      if (/^\d+$/.test(part)) break;
      name.push(part);
    }
    if (!known.includes(name.join('.')) && !known.includes(head)) continue;
    const finalName = known.includes(name.join('.')) ? name : [head];
    const key = finalName.join('.');
    const entry = byField.get(key) ?? { name: finalName, errors: [] };
    if (!entry.errors.includes(message)) entry.errors.push(message);
    byField.set(key, entry);
  }
  return [...byField.values()];
}

/** Text the contract refuses in plain-text fields. */
export const noMarkup = { pattern: /^[^<>]*$/, message: '不能包含 < 或 > 字符' };

/** "9:30" → "09:30"; null when it is not a time of day. */
export function normaliseTime(text: string): string | null {
  const match = /^\s*(\d{1,2})[:：](\d{2})\s*$/.exec(text);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
