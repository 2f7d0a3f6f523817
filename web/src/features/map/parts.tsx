import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
  HourglassOutlined,
  SafetyCertificateOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import qrcode from 'qrcode-generator';
import { bookingStatusLabels, type BookingStatus } from '../../../../shared/contract/bookings.js';
import type { Me } from '../../../../shared/contract/identity.js';
import { Tag, type TagColor } from '../../ui/kit.js';
import { countdownLabel } from './format.js';
import './map.css';

/** A taxonomy term with its colour dot; the label always carries the meaning. */
export function TermChip({ label, color, small }: { label: string; color?: string; small?: boolean }) {
  return (
    <span className={small ? 'gy-map-term gy-map-term-small' : 'gy-map-term'}>
      {color ? <span aria-hidden className="gy-map-dot" style={{ background: color }} /> : null}
      {label}
    </span>
  );
}

export function PriceTag({ free }: { free: boolean }) {
  return free ? <Tag color="green">免费</Tag> : <Tag color="orange">收费</Tag>;
}

/** “信息待核实”: the listing was not re-verified for 6 months. */
export function StaleTag() {
  return (
    <span className="gy-tag gy-tag-orange" title="该资源信息超过 6 个月未经核实，出行前建议电话确认">
      <WarningOutlined aria-hidden style={{ marginInlineEnd: 4 }} />
      信息待核实
    </span>
  );
}

const statusLook: Record<BookingStatus, { color: TagColor; icon: ReactNode }> = {
  held: { color: 'blue', icon: <ClockCircleOutlined /> },
  confirmed: { color: 'green', icon: <CheckCircleOutlined /> },
  waitlisted: { color: 'orange', icon: <HourglassOutlined /> },
  cancelled: { color: 'default', icon: <CloseCircleOutlined /> },
  checkedIn: { color: 'green', icon: <SafetyCertificateOutlined /> },
  noShow: { color: 'red', icon: <ExclamationCircleOutlined /> },
  expired: { color: 'default', icon: <FieldTimeOutlined /> },
};

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const look = statusLook[status];
  return (
    <span className={`gy-tag gy-tag-${look.color}`}>
      <span aria-hidden style={{ marginInlineEnd: 4, display: 'inline-flex' }}>
        {look.icon}
      </span>
      {bookingStatusLabels[status]}
    </span>
  );
}

/** The current time, ticking every `intervalMs` while `active`. */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}

/**
 * “名额保留中，剩余 4:32”. The visible clock ticks every second; screen readers hear it through a
 * polite live region only when the minute changes and near the end, not sixty times a minute.
 */
export function HoldCountdown({ expiresAt, onExpire }: { expiresAt: string; onExpire?: () => void }) {
  const end = Date.parse(expiresAt);
  const now = useNow(1000, true);
  const left = end - now;
  const expired = !Number.isFinite(end) || left <= 0;
  const onExpireRef = useRef(onExpire);
  onExpireRef.current = onExpire;
  useEffect(() => {
    if (expired) onExpireRef.current?.();
  }, [expired]);
  const spoken = expired
    ? '名额保留已过期'
    : left <= 30_000
      ? '名额保留还剩不到 30 秒，请尽快确认'
      : `名额保留还剩约 ${Math.ceil(left / 60_000)} 分钟`;
  return (
    <div className={expired ? 'gy-map-countdown gy-map-countdown-expired' : 'gy-map-countdown'}>
      <ClockCircleOutlined aria-hidden />
      <span aria-hidden>
        {expired ? (
          '保留已过期，请重新选择'
        ) : (
          <>
            名额保留中，剩余 <strong className="gy-map-countdown-clock">{countdownLabel(left)}</strong>
          </>
        )}
      </span>
      <span className="gy-visually-hidden" aria-live="polite" aria-atomic="true">
        {spoken}
      </span>
    </div>
  );
}

/** The check-in code as a QR (SVG, drawn locally) and in large letters for staff to type. */
export function CheckInCode({ code, size = 132 }: { code: string; size?: number }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(code);
    qr.make();
    const svg = qr.createSvgTag({ cellSize: 4, margin: 2, scalable: true });
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  }, [code]);
  return (
    <figure className="gy-bk-code-box">
      <img src={src} width={size} height={size} alt={`签到二维码，签到码 ${code.split('').join(' ')}`} />
      <figcaption>
        <span className="gy-muted gy-small">到场出示二维码或报签到码</span>
        <span className="gy-bk-code" data-testid="check-in-code">
          {code}
        </span>
      </figcaption>
    </figure>
  );
}

/** 为哪个孩子预约: pill radios (a guardian rarely has more than three children). */
export function ChildPicker({
  options,
  value,
  onChange,
  legend = '为哪个孩子预约',
}: {
  options: Me['children'];
  value: string | undefined;
  onChange: (id: string) => void;
  legend?: string;
}) {
  const name = useId();
  return (
    <fieldset className="gy-map-fieldset">
      <legend className="gy-map-legend">{legend}</legend>
      <div className="gy-map-pills">
        {options.map((child) => (
          <label key={child.id} className="gy-map-pill">
            <input
              type="radio"
              name={name}
              value={child.id}
              checked={value === child.id}
              onChange={() => onChange(child.id)}
            />
            <span>
              {child.name}
              <span className="gy-muted gy-small"> · {child.schoolName}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
