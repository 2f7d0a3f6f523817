/**
 * After 预约: the held booking with its 5-minute countdown, 确认预约 / 放弃, and what happened next.
 * Used by the resource page's confirm dialog and the one-click dialog.
 */
import { useCallback, useState } from 'react';
import { CalendarOutlined } from '@ant-design/icons';
import type { Booking } from '../../../../shared/contract/bookings.js';
import type { SearchHit } from '../../../../shared/contract/resources.js';
import { errorMessage } from '../../api/client.js';
import { useCancelBooking, useConfirmBooking } from '../../api/bookings.js';
import { Btn, BtnLink, Callout } from '../../ui/kit.js';
import { distanceLabel, sessionLabel } from './format.js';
import { BookingStatusTag, CheckInCode, HoldCountdown } from './parts.js';

export interface BookingFlow {
  booking: Booking | null;
  /** The countdown reached zero while still held. */
  expired: boolean;
  error: string | null;
  confirming: boolean;
  abandoning: boolean;
  start(booking: Booking): void;
  confirm(): void;
  abandon(): void;
  markExpired(): void;
  reset(): void;
}

export function useBookingFlow(): BookingFlow {
  const [booking, setBooking] = useState<Booking | null>(null);
  const [expired, setExpired] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmMutation = useConfirmBooking();
  const cancelMutation = useCancelBooking();

  const start = useCallback((next: Booking) => {
    setBooking(next);
    setExpired(false);
    setError(null);
  }, []);
  const reset = useCallback(() => {
    setBooking(null);
    setExpired(false);
    setError(null);
  }, []);
  const markExpired = useCallback(() => setExpired(true), []);

  return {
    booking,
    expired,
    error,
    confirming: confirmMutation.isPending,
    abandoning: cancelMutation.isPending,
    start,
    reset,
    markExpired,
    confirm() {
      if (!booking) return;
      setError(null);
      confirmMutation.mutate(booking.id, {
        onSuccess: (next) => setBooking(next),
        onError: (e) => setError(errorMessage(e)),
      });
    },
    abandon() {
      if (!booking) return;
      setError(null);
      cancelMutation.mutate(
        { bookingId: booking.id, reason: '家长放弃保留的名额' },
        {
          onSuccess: (next) => setBooking(next),
          onError: (e) => setError(errorMessage(e)),
        },
      );
    },
  };
}

/** Resource, time, child (and, from one-click, distance and why it was chosen). */
export function BookingSummary({ booking, hit }: { booking: Booking; hit?: SearchHit }) {
  const distance = distanceLabel(hit?.distanceMeters);
  const reasons = (hit?.reasons ?? []).filter((r) => !(distance && r.startsWith('距离')));
  return (
    <dl className="gy-dl gy-bk-summary">
      <dt>资源</dt>
      <dd>
        <strong>{booking.resource.name}</strong>
        {booking.resource.unitName !== booking.resource.name ? (
          <span className="gy-muted gy-small" style={{ display: 'block' }}>
            {booking.resource.unitName}
          </span>
        ) : null}
      </dd>
      <dt>时间</dt>
      <dd>{sessionLabel(booking.slot.startsAt, booking.slot.endsAt)}</dd>
      <dt>孩子</dt>
      <dd>{booking.student.name}</dd>
      <dt>地址</dt>
      <dd>
        {booking.resource.address}
        {distance ? <span className="gy-muted">（距离 {distance}）</span> : null}
      </dd>
      {reasons.length ? (
        <>
          <dt>推荐理由</dt>
          <dd className="gy-map-reasons">
            {reasons.map((r) => (
              <span key={r} className="gy-map-reason">
                {r}
              </span>
            ))}
          </dd>
        </>
      ) : null}
      <dt>状态</dt>
      <dd>
        <BookingStatusTag status={booking.status} />
        {booking.status === 'waitlisted' && booking.waitlistPosition ? (
          <span style={{ marginInlineStart: 8 }}>候补第 {booking.waitlistPosition} 位</span>
        ) : null}
      </dd>
    </dl>
  );
}

/** The dialog body for each stage of the flow. */
export function BookingFlowBody({ flow, hit }: { flow: BookingFlow; hit?: SearchHit }) {
  const { booking } = flow;
  if (!booking) return null;
  return (
    <div className="gy-stack" style={{ gap: 12 }}>
      {booking.status === 'held' && booking.holdExpiresAt && !flow.expired ? (
        <HoldCountdown expiresAt={booking.holdExpiresAt} onExpire={flow.markExpired} />
      ) : null}
      {booking.status === 'held' && flow.expired ? (
        <Callout type="warning" title="保留已过期">
          5 分钟内没有确认，名额已释放。请重新选择时段。
        </Callout>
      ) : null}
      {booking.status === 'confirmed' ? (
        <Callout type="success" title="预约成功">
          请按时到场，出示下面的签到码。行程有变请在“我的预约”中提前取消，把名额让给其他孩子。
        </Callout>
      ) : null}
      {booking.status === 'waitlisted' ? (
        <Callout type="info" title={`已加入候补${booking.waitlistPosition ? `，排第 ${booking.waitlistPosition} 位` : ''}`}>
          有人取消时按候补顺序递补，递补成功后会出现在“我的预约”中。
        </Callout>
      ) : null}
      {booking.status === 'cancelled' ? (
        <Callout type="info" title="已放弃这个名额">
          保留的名额已释放，可以重新选择其他时段。
        </Callout>
      ) : null}
      {booking.status === 'expired' ? (
        <Callout type="warning" title="保留已过期">
          名额已释放，请重新选择。
        </Callout>
      ) : null}
      <BookingSummary booking={booking} hit={hit} />
      {booking.status === 'confirmed' && booking.checkInCode ? <CheckInCode code={booking.checkInCode} /> : null}
      {flow.error ? <Callout type="error" title={flow.error} /> : null}
    </div>
  );
}

/** 确认预约 / 放弃 while held; 查看我的预约 / 完成 afterwards. */
export function BookingFlowFooter({
  flow,
  onClose,
  restartLabel,
  onRestart,
}: {
  flow: BookingFlow;
  onClose: () => void;
  restartLabel?: string;
  onRestart?: () => void;
}) {
  const { booking } = flow;
  if (!booking) return null;
  if (booking.status === 'held' && !flow.expired) {
    return (
      <>
        <Btn onClick={flow.abandon} loading={flow.abandoning} disabled={flow.confirming}>
          放弃
        </Btn>
        <Btn variant="primary" onClick={flow.confirm} loading={flow.confirming} disabled={flow.abandoning}>
          确认预约
        </Btn>
      </>
    );
  }
  const done = booking.status === 'confirmed' || booking.status === 'waitlisted';
  return (
    <>
      {!done && onRestart ? <Btn onClick={onRestart}>{restartLabel ?? '重新选择'}</Btn> : null}
      {done ? (
        <BtnLink to="/bookings" icon={<CalendarOutlined />}>
          查看我的预约
        </BtnLink>
      ) : null}
      <Btn variant={done ? 'primary' : 'default'} onClick={onClose}>
        {done ? '完成' : '关闭'}
      </Btn>
    </>
  );
}
