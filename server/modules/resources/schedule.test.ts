import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { bookingIcs } from '../bookings/ics.js';
import { describeRule, expandRule, parseWeeklyRule, rulesForTimes } from './schedule.js';

describe('weekly RRULEs', () => {
  it('groups start times by minute, since BYHOUR × BYMINUTE is a product', () => {
    expect(rulesForTimes(['SU', 'SA'], ['14:00', '09:30', '10:00'])).toEqual([
      'FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=10,14;BYMINUTE=0',
      'FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=9;BYMINUTE=30',
    ]);
  });

  it('expands into Beijing-time sessions inside the validity window, skipping closures', () => {
    // 2026-12-05 is a Saturday.
    const sessions = expandRule({
      rrule: 'FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=9;BYMINUTE=30',
      durationMinutes: 90,
      from: '2026-12-01',
      days: 14,
      validFrom: '2026-12-01',
      validTo: '2026-12-13',
      closures: ['2026-12-06'],
    });
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual([
      '2026-12-05T01:30:00.000Z',
      '2026-12-12T01:30:00.000Z',
      '2026-12-13T01:30:00.000Z',
    ]);
    expect(sessions[0]!.endsAt.toISOString()).toBe('2026-12-05T03:00:00.000Z');
  });

  it('refuses rules outside the weekly subset with a Chinese reason', () => {
    for (const bad of [
      'FREQ=DAILY;BYHOUR=9;BYMINUTE=0',
      'FREQ=WEEKLY;BYDAY=XX;BYHOUR=9;BYMINUTE=0',
      'FREQ=WEEKLY;BYDAY=MO;BYHOUR=25;BYMINUTE=0',
      'FREQ=WEEKLY;BYDAY=MO;COUNT=3;BYHOUR=9;BYMINUTE=0',
      'nonsense',
    ]) {
      expect(() => parseWeeklyRule(bad), bad).toThrow(AppError);
    }
    expect(describeRule('FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=9,14;BYMINUTE=30', 90)).toBe(
      '每周六、周日 09:30、14:30，每场 90 分钟',
    );
  });
});

describe('.ics', () => {
  it('escapes text, folds long lines at 75 octets and uses UTC times', () => {
    const ics = bookingIcs({
      id: '11111111-1111-4111-8111-111111111111',
      districtId: '110105',
      status: 'confirmed',
      resource: {
        id: 'r',
        name: '中国科学技术馆；主展厅, 二层',
        address: '朝阳区北辰东路5号',
        unitName: '中国科学技术馆',
      },
      slot: { id: 's', startsAt: '2026-12-05T01:30:00.000Z', endsAt: '2026-12-05T03:00:00.000Z' },
      student: { id: 'c', name: '王小明' },
      guardianName: '王女士',
      holdExpiresAt: null,
      waitlistPosition: null,
      checkInCode: 'ABCD2345',
      cancelledBy: null,
      cancelledAt: null,
      checkedInAt: null,
      cancellableUntil: '2026-12-04T23:30:00.000Z',
      createdAt: '2026-12-01T00:00:00.000Z',
      allowed: { confirm: false, cancel: true, attendance: false },
    });
    expect(ics).toContain('DTSTART:20261205T013000Z');
    expect(ics).toContain('\\, 二层');
    expect(ics).toContain('STATUS:CONFIRMED');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n /g, '')).toContain('签到码：ABCD2345');
  });
});
