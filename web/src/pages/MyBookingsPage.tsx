import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { CalendarOutlined, DownloadOutlined, EnvironmentOutlined, RedoOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { bookingCalendarPath, type Booking } from '../../../shared/contract/bookings.js';
import { useCancelBooking, useConfirmBooking, useMyBookings } from '../api/bookings.js';
import { errorMessage } from '../api/client.js';
import { Dialog } from '../components/Dialog.js';
import { useNotice } from '../components/notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import { dayLabel, daysFromToday, monthDayLabel, sessionLabel, timeLabel } from '../features/map/format.js';
import { BookingStatusTag, CheckInCode, HoldCountdown, useNow } from '../features/map/parts.js';
import '../features/map/map.css';
import { Btn, BtnLink, Callout, EmptyState, Loading } from '../ui/kit.js';

type Tab = 'upcoming' | 'past';
const TABS: { id: Tab; label: string }[] = [
  { id: 'upcoming', label: '即将到来' },
  { id: 'past', label: '历史' },
];

const LIVE = new Set(['held', 'confirmed', 'waitlisted']);

/** Upcoming: the live ones first, soonest first, then cancelled or expired ones. History: latest first. */
function ordered(items: Booking[], tab: Tab): Booking[] {
  const byStart = (a: Booking, b: Booking) => a.slot.startsAt.localeCompare(b.slot.startsAt);
  if (tab === 'past') return [...items].sort((a, b) => byStart(b, a));
  return [...items].sort((a, b) => Number(!LIVE.has(a.status)) - Number(!LIVE.has(b.status)) || byStart(a, b));
}

/** 今天 / 明天 / 后天 for the next three days, else nothing. */
function soon(iso: string, now: number): string | null {
  const days = daysFromToday(iso, now);
  return days >= 0 && days <= 2 ? dayLabel(iso, now) : null;
}

/** 12月5日 07:30（明天） */
function when(iso: string, now: number): string {
  const rel = soon(iso, now);
  return `${monthDayLabel(iso)} ${timeLabel(iso)}${rel ? `（${rel}）` : ''}`;
}

/** 我的预约: upcoming and past bookings, each with its check-in QR, calendar file and cancellation. */
export default function MyBookingsPage() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'past' ? 'past' : 'upcoming';
  const bookings = useMyBookings(tab);
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());
  const baseId = useId();
  const [cancelling, setCancelling] = useState<Booking | null>(null);

  const select = (next: Tab) => setParams(next === 'past' ? { tab: 'past' } : {}, { replace: true });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next: Tab = tab === 'upcoming' ? 'past' : 'upcoming';
    select(next);
    tabRefs.current.get(next)?.focus();
  };

  return (
    <>
      <PageHeader
        title="我的预约"
        description="到场时出示签到码；行程有变请尽早取消，把名额让给候补的家庭。"
        extra={
          <BtnLink to="/map" icon={<EnvironmentOutlined />}>
            去教育地图
          </BtnLink>
        }
      />
      <div className="gy-bk-tabs" role="tablist" aria-label="预约列表">
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(node) => {
              if (node) tabRefs.current.set(t.id, node);
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            className="gy-bk-tab"
            onClick={() => select(t.id)}
            onKeyDown={onKeyDown}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${tab}`}>
        {bookings.isPending ? (
          <Loading />
        ) : bookings.error ? (
          <QueryError error={bookings.error} onRetry={() => void bookings.refetch()} />
        ) : bookings.data.items.length === 0 ? (
          <Panel>
            <EmptyState>
              {tab === 'upcoming' ? '还没有即将到来的预约。去教育地图看看孩子身边有什么好去处吧。' : '还没有历史预约。'}
            </EmptyState>
            {tab === 'upcoming' ? (
              <div style={{ textAlign: 'center', marginTop: 8 }}>
                <BtnLink to="/map" variant="primary" icon={<EnvironmentOutlined />}>
                  去教育地图
                </BtnLink>
              </div>
            ) : null}
          </Panel>
        ) : (
          <ul className="gy-bk-list">
            {ordered(bookings.data.items, tab).map((b) => (
              <li key={b.id}>
                <BookingCard booking={b} onCancel={() => setCancelling(b)} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <CancelDialog booking={cancelling} onClose={() => setCancelling(null)} />
    </>
  );
}

function BookingCard({ booking: b, onCancel }: { booking: Booking; onCancel: () => void }) {
  const now = useNow(30_000);
  const confirm = useConfirmBooking();
  const reasonId = useId();
  const [expired, setExpired] = useState(false);
  const live = LIVE.has(b.status);
  const pastDeadline = Date.parse(b.cancellableUntil) <= now;
  const cancelBlocked = !b.allowed.cancel || pastDeadline;

  return (
    <article aria-label={b.resource.name} className="gy-panel gy-bk-card">
      <div className="gy-bk-card-head">
        <div style={{ minWidth: 0 }}>
          <h2 className="gy-bk-card-title">{b.resource.name}</h2>
          {b.resource.unitName !== b.resource.name ? (
            <div className="gy-muted gy-small">{b.resource.unitName}</div>
          ) : null}
        </div>
        <BookingStatusTag status={b.status} />
      </div>
      <dl className="gy-dl gy-bk-summary">
        <dt>时间</dt>
        <dd>
          {sessionLabel(b.slot.startsAt, b.slot.endsAt)}
          {live && soon(b.slot.startsAt, now) ? (
            <strong style={{ marginInlineStart: 6, color: '#155a43' }}>（{soon(b.slot.startsAt, now)}）</strong>
          ) : null}
        </dd>
        <dt>孩子</dt>
        <dd>{b.student.name}</dd>
        <dt>地址</dt>
        <dd>{b.resource.address}</dd>
      </dl>

      {b.status === 'waitlisted' ? (
        <Callout type="info" title={`候补中${b.waitlistPosition ? `：第 ${b.waitlistPosition} 位` : ''}`}>
          有人取消时按顺序递补，递补成功后这里会显示签到码。
        </Callout>
      ) : null}
      {b.status === 'held' && b.holdExpiresAt ? (
        <div className="gy-stack" style={{ gap: 8 }}>
          <HoldCountdown expiresAt={b.holdExpiresAt} onExpire={() => setExpired(true)} />
          {b.allowed.confirm && !expired ? (
            <Btn variant="primary" loading={confirm.isPending} onClick={() => confirm.mutate(b.id)}>
              确认预约
            </Btn>
          ) : null}
          {confirm.error ? <Callout type="error" title={errorMessage(confirm.error)} /> : null}
        </div>
      ) : null}
      {b.status === 'confirmed' && b.checkInCode ? <CheckInCode code={b.checkInCode} /> : null}
      {b.status === 'checkedIn' ? (
        <p className="gy-bk-note">已于 {b.checkedInAt ? when(b.checkedInAt, now) : '—'} 签到。</p>
      ) : null}
      {b.status === 'noShow' ? <p className="gy-bk-note">场馆记录为未到场。以后不能前往时，请提前取消预约。</p> : null}
      {b.status === 'cancelled' ? (
        <p className="gy-bk-note">
          {b.cancelledBy === 'venue' ? '场馆' : b.cancelledBy === 'family' ? '家长' : ''}已于
          {b.cancelledAt ? ` ${when(b.cancelledAt, now)} ` : ''}取消
          {b.cancelledBy === 'venue' ? '，如有疑问请联系场馆。' : '。'}
        </p>
      ) : null}
      {b.status === 'expired' ? <p className="gy-bk-note">保留的名额 5 分钟内未确认，已自动释放。</p> : null}

      <div className="gy-bk-actions">
        {live ? (
          <Btn
            variant="danger"
            size="small"
            disabled={cancelBlocked}
            aria-describedby={cancelBlocked ? reasonId : undefined}
            onClick={onCancel}
          >
            取消预约
          </Btn>
        ) : null}
        {live ? (
          <a
            className="gy-btn gy-btn-small"
            href={bookingCalendarPath(b.id)}
            download={`预约-${b.resource.name}.ics`}
            aria-label={`下载日历：${b.resource.name}`}
          >
            <span aria-hidden className="gy-btn-icon">
              <DownloadOutlined />
            </span>
            下载日历
          </a>
        ) : null}
        <BtnLink to={`/resources/${b.resource.id}`} size="small" variant="link" icon={<RedoOutlined />}>
          再次预约
        </BtnLink>
      </div>
      {live && cancelBlocked ? (
        <p id={reasonId} className="gy-bk-note">
          {pastDeadline
            ? `已过在线取消期限（${when(b.cancellableUntil, now)} 前可取消），如不能前往请直接联系场馆。`
            : '这条预约不能在线取消，如需取消请联系场馆。'}
        </p>
      ) : live ? (
        <p className="gy-bk-note">
          <CalendarOutlined aria-hidden /> {when(b.cancellableUntil, now)} 前可在线取消
        </p>
      ) : null}
    </article>
  );
}

function CancelDialog({ booking, onClose }: { booking: Booking | null; onClose: () => void }) {
  const cancel = useCancelBooking();
  const { notice } = useNotice();
  const b = booking;

  const close = () => {
    cancel.reset();
    onClose();
  };

  return (
    <Dialog
      open={booking !== null}
      onClose={close}
      title="取消预约"
      width={440}
      footer={
        <>
          <Btn onClick={close} disabled={cancel.isPending}>
            暂不取消
          </Btn>
          <Btn
            variant="dangerPrimary"
            loading={cancel.isPending}
            onClick={() =>
              b &&
              cancel.mutate(
                { bookingId: b.id },
                {
                  onSuccess: () => {
                    notice.success('已取消预约');
                    close();
                  },
                },
              )
            }
          >
            确认取消
          </Btn>
        </>
      }
    >
      {b ? (
        <div className="gy-stack" style={{ gap: 12 }}>
          <p style={{ margin: 0 }}>
            确定取消 <strong>{b.student.name}</strong> 在 {sessionLabel(b.slot.startsAt, b.slot.endsAt)} 的“
            {b.resource.name}”{b.status === 'waitlisted' ? '候补' : '预约'}吗？
          </p>
          <p className="gy-muted" style={{ margin: 0 }}>
            取消后名额会让给候补的家庭，不能撤销。
          </p>
          {cancel.error ? <Callout type="error" title={errorMessage(cancel.error)} /> : null}
        </div>
      ) : null}
    </Dialog>
  );
}
