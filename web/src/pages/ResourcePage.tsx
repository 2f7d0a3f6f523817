import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import {
  ClockCircleOutlined,
  EnvironmentOutlined,
  LeftOutlined,
  PhoneOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { bookingStatusLabels, type BookingStatus } from '../../../shared/contract/bookings.js';
import type { Slot } from '../../../shared/contract/resources.js';
import { useCreateBooking, useIntentKey, useMyBookings } from '../api/bookings.js';
import { errorMessage } from '../api/client.js';
import { useSignedInMe } from '../api/identity.js';
import { useMapConfig, useResource, useSlots } from '../api/resources.js';
import { Dialog } from '../components/Dialog.js';
import { PageHeader, useDocumentTitle } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import { BookingFlowBody, BookingFlowFooter, useBookingFlow } from '../features/map/BookingFlow.js';
import {
  ageRangeLabel,
  beijingDateKey,
  dayLabel,
  monthDayLabel,
  openingHoursLabel,
  timeLabel,
  weekdayCode,
  weekdayLabel,
} from '../features/map/format.js';
import { ChildPicker, HoldCountdown, PriceTag, StaleTag, TermChip, useNow } from '../features/map/parts.js';
import { useTermIndex } from '../features/map/terms.js';
import { useMediaQuery } from '../features/map/useMediaQuery.js';
import { formatDate } from '../lib/format.js';
import '../features/map/map.css';
import { Btn, Callout, EmptyState, Loading } from '../ui/kit.js';

const ResourceMap = lazy(() => import('../features/map/ResourceMap.js'));
const DAYS = 14;

function BackLink() {
  const location = useLocation();
  const navigate = useNavigate();
  // Straight back to the search (with its filters) when we came from it; else to the map.
  const cameFromApp = location.key !== 'default';
  return (
    <Link
      to="/map"
      className="gy-res-back"
      onClick={(event) => {
        if (!cameFromApp) return;
        event.preventDefault();
        navigate(-1);
      }}
    >
      <LeftOutlined aria-hidden /> 返回教育地图
    </Link>
  );
}

/** 资源详情: what the place is, when it opens, its programmes, and the 14-day booking calendar. */
export default function ResourcePage() {
  const { resourceId = '' } = useParams();
  const resource = useResource(resourceId);
  useDocumentTitle(resource.data?.name ?? '资源详情');

  if (resource.isPending) {
    return (
      <>
        <BackLink />
        <Loading />
      </>
    );
  }
  if (resource.error) {
    return (
      <>
        <BackLink />
        <QueryError error={resource.error} onRetry={() => void resource.refetch()} />
      </>
    );
  }
  return <ResourceView resourceId={resourceId} />;
}

function ResourceView({ resourceId }: { resourceId: string }) {
  const resource = useResource(resourceId);
  const r = resource.data!;
  const { index } = useTermIndex();
  const wide = useMediaQuery('(min-width: 1024px)');
  const mapConfig = useMapConfig();

  const domains = r.terms.filter((t) => t.startsWith('domain:'));
  const others = r.terms.filter((t) => !t.startsWith('domain:') && !t.startsWith('price:') && !t.startsWith('age:'));
  const today = beijingDateKey(Date.now());
  const closures = r.closures.filter((d) => d >= today).sort();
  const verified = formatDate(beijingDateKey(r.verifiedAt));

  return (
    <>
      <BackLink />
      <PageHeader title={r.name} description={r.unitName !== r.name ? r.unitName : r.districtName} />
      <div className="gy-res-grid">
        <div className="gy-stack">
          <Panel>
            <div className="gy-stack" style={{ gap: 12 }}>
              <div className="gy-map-tags">
                {domains.map((d) => (
                  <TermChip key={d} label={index.label(d)} color={index.color(d)} />
                ))}
                {others.map((t) => (
                  <TermChip key={t} label={index.label(t)} />
                ))}
                <PriceTag free={r.free} />
                {r.stale ? <StaleTag /> : null}
              </div>
              {r.stale ? (
                <Callout type="warning" title="信息待核实">
                  该资源信息已超过 6 个月未核实（上次核实：{verified}），出行前建议先电话确认开放情况。
                </Callout>
              ) : null}
              <dl className="gy-dl">
                <dt>
                  <EnvironmentOutlined aria-hidden /> 地址
                </dt>
                <dd>{r.address.startsWith(r.districtName) ? r.address : `${r.address}（${r.districtName}）`}</dd>
                <dt>
                  <ClockCircleOutlined aria-hidden /> 开放时间
                </dt>
                <dd>{openingHoursLabel(r.openingHours)}</dd>
                {closures.length ? (
                  <>
                    <dt>闭馆日</dt>
                    <dd>
                      {closures
                        .slice(0, 6)
                        .map((d) => `${monthDayLabel(d)}（${weekdayLabel(d)}）`)
                        .join('、')}
                      {closures.length > 6 ? ` 等 ${closures.length} 天` : ''}
                    </dd>
                  </>
                ) : null}
                <dt>
                  <TeamOutlined aria-hidden /> 适合年龄
                </dt>
                <dd>{ageRangeLabel(r.ageMin, r.ageMax)}</dd>
                {r.phone ? (
                  <>
                    <dt>
                      <PhoneOutlined aria-hidden /> 电话
                    </dt>
                    <dd>
                      <a href={`tel:${r.phone}`}>{r.phone}</a>
                    </dd>
                  </>
                ) : null}
                <dt>
                  <ShopOutlined aria-hidden /> 主办单位
                </dt>
                <dd>{r.unitName}</dd>
              </dl>
            </div>
          </Panel>
          {!wide ? <BookingPanel resourceId={resourceId} /> : null}
          <Panel title="简介">
            <p style={{ margin: 0, lineHeight: 1.8 }}>{r.description}</p>
          </Panel>
          <Panel title="活动安排">
            {r.schedules.length === 0 ? (
              <EmptyState>暂时没有固定的预约活动。</EmptyState>
            ) : (
              <div className="gy-stack" style={{ gap: 10 }}>
                {r.schedules.map((s) => (
                  <section key={s.id} className="gy-res-programme" aria-label={s.name}>
                    <h3>{s.name}</h3>
                    <div className="gy-small">
                      <ClockCircleOutlined aria-hidden /> {s.summary} · 每场 {s.capacity} 人
                    </div>
                    {s.description ? <p className="gy-muted">{s.description}</p> : null}
                  </section>
                ))}
              </div>
            )}
          </Panel>
        </div>
        {wide ? (
          <div className="gy-stack">
            <BookingPanel resourceId={resourceId} />
            <div className="gy-res-minimap">
              <Suspense fallback={<Loading text="正在加载地图…" />}>
                <ResourceMap
                  items={[r]}
                  config={mapConfig.data}
                  index={index}
                  zoom={mapConfig.data?.tileUrl ? 15 : 11}
                  label={`${r.name}的位置`}
                />
              </Suspense>
            </div>
          </div>
        ) : null}
      </div>
    </>
  );
}

function cancelRule(minutes: number): string {
  if (minutes <= 0) return '开始前都可以在线取消。';
  const span = minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`;
  return `如需取消，请最晚在开始前 ${span}操作。`;
}

function slotAriaLabel(slot: Slot, past: boolean): string {
  const when = `${monthDayLabel(slot.startsAt)} ${timeLabel(slot.startsAt)}`;
  if (past) return `${when} 已开始`;
  if (slot.status === 'closed') return `${when} 暂停预约`;
  if (slot.available <= 0) return `加入候补 ${when}（已约满）`;
  return `预约 ${when}（余 ${slot.available} 位）`;
}

/** The 14-day calendar: a day strip, that day's sessions with seats, and the booking flow. */
function BookingPanel({ resourceId }: { resourceId: string }) {
  const me = useSignedInMe();
  const resource = useResource(resourceId);
  const r = resource.data!;
  const slots = useSlots(resourceId, { days: DAYS });
  const now = useNow(30_000);
  const children = me.children;
  const [studentId, setStudentId] = useState<string | undefined>(children[0]?.id);
  const [day, setDay] = useState<string | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [pendingSlot, setPendingSlot] = useState<string | null>(null);
  const create = useCreateBooking();
  const intent = useIntentKey();
  const flow = useBookingFlow();

  const today = beijingDateKey(now);
  const closures = useMemo(() => new Set(r.closures), [r.closures]);
  const days = useMemo(() => {
    const start = Date.parse(`${today}T12:00:00+08:00`);
    return Array.from({ length: DAYS }, (_, i) => beijingDateKey(start + i * 86_400_000));
  }, [today]);
  const byDay = useMemo(() => {
    const map = new Map<string, Slot[]>();
    for (const slot of slots.data?.items ?? []) {
      const key = beijingDateKey(slot.startsAt);
      map.set(key, [...(map.get(key) ?? []), slot]);
    }
    for (const list of map.values()) list.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return map;
  }, [slots.data]);

  const canBook = me.can.bookResources && r.allowed.book && r.status === 'active' && children.length > 0;
  const child = children.find((c) => c.id === studentId);
  // Sessions this child already holds, is booked or waitlisted for: shown as such, not offered again.
  const mine = useMyBookings('upcoming', canBook);
  const booked = useMemo(() => {
    const map = new Map<string, BookingStatus>();
    for (const b of mine.data?.items ?? []) {
      if (
        b.student.id === studentId &&
        (b.status === 'held' || b.status === 'confirmed' || b.status === 'waitlisted')
      ) {
        map.set(b.slot.id, b.status);
      }
    }
    return map;
  }, [mine.data, studentId]);
  const bookableCount = (key: string) =>
    (byDay.get(key) ?? []).filter(
      (s) => s.status === 'open' && s.available > 0 && Date.parse(s.startsAt) > now && !booked.has(s.id),
    ).length;
  const daySlots = day ? (byDay.get(day) ?? []) : [];

  // Open on the first day with a free seat (once the child's own bookings are known too).
  useEffect(() => {
    if (day || !slots.data || (canBook && mine.isPending)) return;
    setDay(days.find((d) => bookableCount(d) > 0) ?? days[0] ?? null);
  }, [slots.data, mine.isPending]);

  const book = (slot: Slot) => {
    if (!studentId) return;
    const joinWaitlist = slot.available <= 0;
    const body = { slotId: slot.id, studentId, joinWaitlist };
    setPendingSlot(slot.id);
    create.mutate(
      { body, idempotencyKey: intent.keyFor(`${slot.id}|${studentId}|${joinWaitlist}`) },
      {
        onSuccess: (booking) => {
          intent.settle();
          flow.start(booking);
          setDialogOpen(true);
        },
        onError: (error) => intent.settle(error),
        onSettled: () => setPendingSlot(null),
      },
    );
  };

  const held = flow.booking?.status === 'held' && !flow.expired ? flow.booking : null;
  const dialogTitle =
    flow.booking?.status === 'confirmed'
      ? '预约成功'
      : flow.booking?.status === 'waitlisted'
        ? '已加入候补'
        : held
          ? '确认预约'
          : '预约未完成';

  return (
    <Panel title="预约" bodyStyle={{ paddingTop: 14 }}>
      <div id="booking" className="gy-stack" style={{ gap: 14 }}>
        {r.status === 'suspended' ? (
          <Callout type="warning" title="该资源暂停开放预约">
            可以先收藏，恢复开放后再来预约。
          </Callout>
        ) : !me.can.bookResources || !r.allowed.book ? (
          <Callout type="info" title="当前账户不能预约">
            只有孩子的家长可以为孩子预约；你可以查看开放时段和余位。
          </Callout>
        ) : children.length === 0 ? (
          <Callout type="info" title="还不能预约">
            您的账户还没有关联孩子。预约需要为孩子登记，请联系孩子所在学校核实家庭关系。
          </Callout>
        ) : children.length > 1 ? (
          <ChildPicker options={children} value={studentId} onChange={setStudentId} />
        ) : child ? (
          <p style={{ margin: 0 }}>
            为 <strong>{child.name}</strong> 预约
          </p>
        ) : null}

        {held && !dialogOpen ? (
          <div className="gy-stack" style={{ gap: 8 }}>
            <HoldCountdown expiresAt={held.holdExpiresAt ?? ''} onExpire={flow.markExpired} />
            <Btn variant="primary" onClick={() => setDialogOpen(true)}>
              继续确认 {timeLabel(held.slot.startsAt)} 的名额
            </Btn>
          </div>
        ) : null}

        {slots.isPending ? (
          <Loading text="正在加载可预约时段…" />
        ) : slots.error ? (
          <Callout type="error" title={errorMessage(slots.error)} />
        ) : (
          <>
            <div className="gy-res-days" role="group" aria-label="选择日期（未来 14 天）">
              {days.map((d) => {
                const count = bookableCount(d);
                const any = (byDay.get(d) ?? []).length > 0;
                const code = weekdayCode(d);
                const closed = closures.has(d) || (!any && !!code && !r.openingHours.days.includes(code));
                const status = closed ? '闭馆' : count > 0 ? `${count} 场` : any ? '约满' : '无';
                const rel = dayLabel(`${d}T12:00:00+08:00`, now);
                return (
                  <button
                    key={d}
                    type="button"
                    className="gy-res-day"
                    aria-pressed={day === d}
                    aria-label={`${monthDayLabel(d)} ${weekdayLabel(d)}，${closed ? '闭馆' : count > 0 ? `${count} 场有余位` : any ? '已约满' : '无可约时段'}`}
                    onClick={() => setDay(d)}
                  >
                    <span className="gy-res-day-week">{rel.length <= 2 ? rel : weekdayLabel(d)}</span>
                    <span className="gy-res-day-date">{monthDayLabel(d).replace('月', '/').replace('日', '')}</span>
                    <span className={count > 0 ? 'gy-res-day-count' : 'gy-res-day-count gy-res-day-none'}>
                      {status}
                    </span>
                  </button>
                );
              })}
            </div>
            <section aria-label={day ? `${monthDayLabel(day)} 的时段` : '时段'} aria-live="polite">
              {!day ? null : closures.has(day) ||
                ((byDay.get(day) ?? []).length === 0 && !r.openingHours.days.includes(weekdayCode(day) ?? 'MO')) ? (
                <p className="gy-muted" style={{ margin: 0 }}>
                  {monthDayLabel(day)} 闭馆。
                </p>
              ) : daySlots.length === 0 ? (
                <p className="gy-muted" style={{ margin: 0 }}>
                  {monthDayLabel(day)}（{weekdayLabel(day)}）没有可预约的时段，换一天看看。
                </p>
              ) : (
                <div className="gy-res-slots">
                  {daySlots.map((slot) => {
                    const mineStatus = booked.get(slot.id);
                    if (mineStatus) {
                      return (
                        <button key={slot.id} type="button" className="gy-res-slot gy-res-slot-mine" disabled>
                          <span className="gy-res-slot-time">
                            {timeLabel(slot.startsAt)}–{timeLabel(slot.endsAt)}
                          </span>
                          <span className="gy-res-slot-seats">
                            ✓ {child?.name}
                            {bookingStatusLabels[mineStatus]}
                          </span>
                        </button>
                      );
                    }
                    const past = Date.parse(slot.startsAt) <= now;
                    const full = slot.available <= 0;
                    const closed = slot.status === 'closed';
                    const cls =
                      closed || past
                        ? 'gy-res-slot gy-res-slot-closed'
                        : full
                          ? 'gy-res-slot gy-res-slot-full'
                          : 'gy-res-slot';
                    return (
                      <button
                        key={slot.id}
                        type="button"
                        className={cls}
                        aria-label={slotAriaLabel(slot, past)}
                        disabled={!canBook || closed || past || create.isPending}
                        aria-busy={pendingSlot === slot.id || undefined}
                        onClick={() => book(slot)}
                      >
                        <span className="gy-res-slot-time">
                          {timeLabel(slot.startsAt)}–{timeLabel(slot.endsAt)}
                        </span>
                        <span className="gy-res-slot-seats">
                          {pendingSlot === slot.id
                            ? '正在保留…'
                            : past
                              ? '已开始'
                              : closed
                                ? '暂停预约'
                                : full
                                  ? '已约满 · 加入候补'
                                  : `余 ${slot.available} 位 · 预约`}
                        </span>
                      </button>
                    );
                  })}
                </div>
              )}
            </section>
            <p className="gy-small gy-muted" style={{ margin: 0 }}>
              选好时段后名额会为你保留 5 分钟，确认后预约成功。{cancelRule(r.cancelBeforeMinutes)}
            </p>
          </>
        )}
        {create.error ? <Callout type="error" title={errorMessage(create.error)} /> : null}
      </div>

      <Dialog
        open={dialogOpen && flow.booking !== null}
        onClose={() => setDialogOpen(false)}
        title={dialogTitle}
        width={480}
        footer={
          <BookingFlowFooter flow={flow} onClose={() => setDialogOpen(false)} onRestart={() => setDialogOpen(false)} />
        }
      >
        <BookingFlowBody flow={flow} />
      </Dialog>
    </Panel>
  );
}
