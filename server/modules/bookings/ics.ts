/** A booking as an iCalendar (RFC 5545) file, so families can put it in their phone's calendar. */
import type { Booking } from '../../../shared/contract/bookings.js';
import { bookingStatusLabels } from '../../../shared/contract/bookings.js';

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (§3.1), without splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function bookingIcs(booking: Booking, now = new Date()): string {
  const status =
    booking.status === 'cancelled'
      ? 'CANCELLED'
      : booking.status === 'confirmed' || booking.status === 'checkedIn'
        ? 'CONFIRMED'
        : 'TENTATIVE';
  const description = [
    `预约状态：${bookingStatusLabels[booking.status]}`,
    `孩子：${booking.student.name}`,
    booking.checkInCode ? `签到码：${booking.checkInCode}` : null,
    `主办：${booking.resource.unitName}`,
    '来自共育·教育新地图',
  ]
    .filter(Boolean)
    .join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Gongyu//教育新地图//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${booking.id}@gongyu`,
    `DTSTAMP:${stamp(now.toISOString())}`,
    `DTSTART:${stamp(booking.slot.startsAt)}`,
    `DTEND:${stamp(booking.slot.endsAt)}`,
    `SUMMARY:${text(`${booking.resource.name}（${booking.student.name}）`)}`,
    `LOCATION:${text(booking.resource.address)}`,
    `DESCRIPTION:${text(description)}`,
    `STATUS:${status}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-PT2H',
    `DESCRIPTION:${text(`两小时后：${booking.resource.name}`)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
