import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Card, DatePicker, Input, Modal, Popconfirm, Select, Space, Statistic, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { CameraOutlined, CheckOutlined, CloseOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useSearchParams } from 'react-router-dom';
import { bookingStatusLabels, type BookingStatus } from '../../../shared/contract/bookings.js';
import { errorMessage, isApiError } from '../api/client.js';
import {
  useCheckIn,
  useManagedResources,
  useMarkAttendance,
  useVenueBookings,
  useVenueCancel,
  type VenueBookingRow,
} from '../api/venue.js';
import { MobileList } from '../components/MobileList.js';
import { useNotice } from '../components/notice.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { QueryError } from '../components/QueryError.js';
import { useIsMobile } from '../components/useIsMobile.js';
import { beijingDate, beijingToday, formatTime, formatTimeRange } from '../features/venue/venueFormat.js';
import { formatDate } from '../lib/format.js';
import '../features/venue/venue.css';

dayjs.locale('zh-cn');

const statusColors: Record<BookingStatus, string> = {
  held: 'gold',
  confirmed: 'blue',
  waitlisted: 'purple',
  cancelled: 'default',
  checkedIn: 'green',
  noShow: 'orange',
  expired: 'default',
};

const COUNTS = [
  { key: 'confirmed', label: '已预约', color: '#1d39c4' },
  { key: 'checkedIn', label: '已签到', color: '#1f7a5c' },
  { key: 'noShow', label: '未到场', color: '#d46b08' },
  { key: 'waitlisted', label: '候补中', color: '#531dab' },
  { key: 'cancelled', label: '已取消', color: '#8c8c8c' },
] as const;

const CODE_PATTERN = /^[A-Z0-9]{6,10}$/i;

/** The check-in code in a scanned QR: the bare code, or a link carrying it (…?code=AB12CD or …/AB12CD). */
function codeFromQr(raw: string): string | null {
  const text = raw.trim();
  if (CODE_PATTERN.test(text)) return text.toUpperCase();
  try {
    const url = new URL(text);
    const param = url.searchParams.get('code');
    if (param && CODE_PATTERN.test(param)) return param.toUpperCase();
    const last = url.pathname.split('/').filter(Boolean).pop();
    if (last && CODE_PATTERN.test(last)) return last.toUpperCase();
  } catch {
    /* not a link */
  }
  const tail = /(?:^|[^A-Z0-9])([A-Z0-9]{6,10})$/i.exec(text);
  return tail ? tail[1]!.toUpperCase() : null;
}

/* ── QR scanning with the browser's BarcodeDetector ── */

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorInstance {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options?: { formats?: string[] }) => BarcodeDetectorInstance;

function barcodeDetector(): BarcodeDetectorConstructor | null {
  if (typeof window === 'undefined') return null;
  const ctor = (window as unknown as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  return ctor && typeof navigator.mediaDevices?.getUserMedia === 'function' ? ctor : null;
}

function QrScanner({ open, onClose, onCode }: { open: boolean; onClose: () => void; onCode: (code: string) => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [unreadable, setUnreadable] = useState(false);

  useEffect(() => {
    if (!open) return;
    const Detector = barcodeDetector();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    setProblem(null);
    setUnreadable(false);
    const detector = new Detector({ formats: ['qr_code'] });

    const scan = async () => {
      const video = videoRef.current;
      if (stopped || !video) return;
      if (video.readyState >= 2) {
        try {
          const found = await detector.detect(video);
          for (const barcode of found) {
            const code = codeFromQr(barcode.rawValue);
            if (code) {
              stopped = true;
              onCode(code);
              return;
            }
            setUnreadable(true);
          }
        } catch {
          /* a frame that could not be read; try the next one */
        }
      }
      if (!stopped) timer = window.setTimeout(() => void scan(), 250);
    };

    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        if (stopped) {
          s.getTracks().forEach((t) => t.stop());
          return;
        }
        stream = s;
        const video = videoRef.current;
        if (video) {
          video.srcObject = s;
          void video.play().catch(() => undefined);
        }
        void scan();
      })
      .catch((error: unknown) => {
        const name = error instanceof DOMException ? error.name : '';
        setProblem(
          name === 'NotAllowedError'
            ? '没有摄像头权限：请在浏览器设置中允许使用摄像头，或手动输入签到码'
            : name === 'NotFoundError'
              ? '没有找到摄像头，请手动输入签到码'
              : '无法打开摄像头，请手动输入签到码',
        );
      });

    return () => {
      stopped = true;
      if (timer) window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
      if (videoRef.current) videoRef.current.srcObject = null;
    };
  }, [open, onCode]);

  return (
    <Modal
      open={open}
      title="扫码签到"
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      destroyOnHidden
    >
      {problem ? (
        <Alert type="warning" showIcon role="alert" title={problem} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <video ref={videoRef} className="gy-venue-video" muted playsInline aria-label="摄像头画面" />
          <p className="gy-muted" style={{ margin: 0 }}>
            请将家长手机上的签到二维码对准摄像头，识别后自动签到。
          </p>
          {unreadable ? (
            <Alert type="warning" showIcon title="识别到的二维码不是签到码，请对准预约的签到二维码" />
          ) : null}
        </Space>
      )}
    </Modal>
  );
}

/* ── Check-in by code ── */

function CheckInBox() {
  const checkIn = useCheckIn();
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const canScan = barcodeDetector() !== null;

  const submit = (value: string) => {
    const trimmed = value.trim().toUpperCase();
    if (!trimmed) {
      inputRef.current?.focus();
      return;
    }
    checkIn.mutate(trimmed, {
      onSuccess: () => {
        setCode('');
        inputRef.current?.focus();
      },
    });
  };

  const { mutate } = checkIn;
  const onScanned = useCallback(
    (scanned: string) => {
      setScanning(false);
      setCode(scanned);
      mutate(scanned, { onSuccess: () => setCode('') });
    },
    [mutate],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(code);
  };

  const result = checkIn.data;
  const alreadyDone = isApiError(checkIn.error) && checkIn.error.status === 409;

  return (
    <Panel title="签到">
      <form onSubmit={onSubmit}>
        <Space orientation="vertical" size={10} style={{ width: '100%' }}>
          <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
            <Input
              ref={(el) => {
                inputRef.current = el?.input ?? null;
              }}
              aria-label="签到码"
              placeholder="输入家长出示的签到码"
              value={code}
              onChange={(e) => setCode(e.target.value.toUpperCase())}
              maxLength={10}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              size="large"
              style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', letterSpacing: 2 }}
            />
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              loading={checkIn.isPending}
              icon={<CheckOutlined aria-hidden />}
            >
              签到
            </Button>
          </Space.Compact>
          {canScan ? (
            <Button icon={<CameraOutlined aria-hidden />} onClick={() => setScanning(true)}>
              扫码签到
            </Button>
          ) : (
            <p className="gy-muted gy-small" style={{ margin: 0 }}>
              此浏览器不支持扫码，请手动输入签到码
            </p>
          )}
          <div aria-live="polite">
            {checkIn.isPending ? null : result ? (
              <Alert
                type="success"
                showIcon
                title={`签到成功：${result.student.name}`}
                description={
                  <>
                    {result.resource.name} · {formatDate(beijingDate(result.slot.startsAt))}{' '}
                    {formatTimeRange(result.slot.startsAt, result.slot.endsAt)}
                    {result.checkedInAt ? <>（{formatTime(result.checkedInAt)} 签到）</> : null}
                    <br />
                    家长：{result.guardianName}
                  </>
                }
              />
            ) : checkIn.error ? (
              <Alert
                type={alreadyDone ? 'warning' : 'error'}
                showIcon
                role="alert"
                title={errorMessage(checkIn.error)}
              />
            ) : null}
          </div>
        </Space>
      </form>
      {canScan ? <QrScanner open={scanning} onClose={() => setScanning(false)} onCode={onScanned} /> : null}
    </Panel>
  );
}

/* ── The day's list ── */

function CancelAction({ row }: { row: VenueBookingRow }) {
  const cancel = useVenueCancel();
  const { notice } = useNotice();
  const [reason, setReason] = useState('');
  return (
    <Popconfirm
      title={`取消${row.student.name}的预约？`}
      description={
        <div style={{ maxWidth: 280 }}>
          <p className="gy-small gy-muted" style={{ margin: '0 0 6px' }}>
            将通知家长；如有候补，名额自动递补。
          </p>
          <Input.TextArea
            aria-label="取消原因"
            placeholder="取消原因（可选，家长可见）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={100}
            autoSize={{ minRows: 2, maxRows: 4 }}
          />
        </div>
      }
      okText="取消预约"
      okButtonProps={{ danger: true }}
      cancelText="不取消"
      onOpenChange={(open) => {
        if (open) setReason('');
      }}
      onConfirm={() =>
        cancel
          .mutateAsync({ bookingId: row.id, reason: reason.trim() || undefined })
          .then(() => notice.success(`已取消${row.student.name}的预约`))
          .catch((error: unknown) => notice.error(errorMessage(error)))
      }
    >
      <Button
        size="small"
        danger
        icon={<StopOutlined aria-hidden />}
        aria-label={`取消 ${row.student.name}的预约`}
        loading={cancel.isPending}
      >
        取消
      </Button>
    </Popconfirm>
  );
}

/** The row's buttons; `emptyText` when there is nothing to do (a dash in the table, nothing in the phone list). */
function RowActions({ row, emptyText = '—' }: { row: VenueBookingRow; emptyText?: string | null }) {
  const mark = useMarkAttendance();
  const { notice } = useNotice();
  const name = row.student.name;
  const run = (outcome: 'checkedIn' | 'noShow') =>
    mark.mutate(
      { bookingId: row.id, outcome },
      {
        onSuccess: () => notice.success(outcome === 'checkedIn' ? `${name}已签到` : `已将${name}标记为未到场`),
        onError: (error) => notice.error(errorMessage(error)),
      },
    );
  const busy = (outcome: 'checkedIn' | 'noShow') => mark.isPending && mark.variables?.outcome === outcome;
  const showCheckIn = row.allowed.attendance && row.status !== 'checkedIn';
  // 未到场 only once the session has begun (the server refuses it earlier).
  const started = Date.parse(row.slot.startsAt) <= Date.now();
  const showNoShow = row.allowed.attendance && row.status !== 'noShow' && started;
  if (!showCheckIn && !showNoShow && !row.allowed.cancel)
    return emptyText ? <span className="gy-muted">{emptyText}</span> : null;
  return (
    <Space size={6} wrap>
      {showCheckIn ? (
        <Button
          size="small"
          type="primary"
          ghost
          icon={<CheckOutlined aria-hidden />}
          aria-label={`签到 ${name}`}
          title="标记到场"
          loading={busy('checkedIn')}
          disabled={mark.isPending}
          onClick={() => run('checkedIn')}
        >
          签到
        </Button>
      ) : null}
      {showNoShow ? (
        <Button
          size="small"
          icon={<CloseOutlined aria-hidden />}
          aria-label={`标记未到场 ${name}`}
          loading={busy('noShow')}
          disabled={mark.isPending}
          onClick={() => run('noShow')}
        >
          未到场
        </Button>
      ) : null}
      {row.allowed.cancel ? <CancelAction row={row} /> : null}
    </Space>
  );
}

function StatusTag({ row }: { row: VenueBookingRow }) {
  return (
    <Tag color={statusColors[row.status]} style={{ marginInlineEnd: 0 }}>
      {bookingStatusLabels[row.status]}
      {row.status === 'waitlisted' && row.waitlistPosition ? ` 第 ${row.waitlistPosition} 位` : ''}
      {row.status === 'checkedIn' && row.checkedInAt ? ` ${formatTime(row.checkedInAt)}` : ''}
    </Tag>
  );
}

/** 今日预约: the door of a venue — the day's bookings, counts, and check-in by code or QR. */
export default function VenueTodayPage() {
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const today = beijingToday();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : today;
  const resourceId = params.get('resource') || undefined;
  const resources = useManagedResources();
  const bookings = useVenueBookings(date, resourceId);

  const setFilter = (key: 'date' | 'resource', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value && !(key === 'date' && value === today)) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const resourceOptions = (resources.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  const items = [...(bookings.data?.items ?? [])].sort(
    (a, b) => a.slot.startsAt.localeCompare(b.slot.startsAt) || a.student.name.localeCompare(b.student.name, 'zh-CN'),
  );
  const counts = bookings.data?.counts;
  const showResource = !resourceId;

  const columns: TableColumnsType<VenueBookingRow> = [
    {
      title: '时间',
      key: 'time',
      width: 120,
      render: (_, row) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatTimeRange(row.slot.startsAt, row.slot.endsAt)}</span>
      ),
    },
    ...(showResource
      ? ([
          { title: '资源', key: 'resource', render: (_, row) => row.resource.name },
        ] as TableColumnsType<VenueBookingRow>)
      : []),
    {
      title: '孩子',
      key: 'child',
      render: (_, row) => <strong style={{ fontWeight: 500 }}>{row.student.name}</strong>,
    },
    { title: '家长', dataIndex: 'guardianName' },
    {
      title: '电话',
      dataIndex: 'guardianPhone',
      render: (phone: string | null) => (phone ? <span style={{ whiteSpace: 'nowrap' }}>{phone}</span> : '—'),
    },
    { title: '状态', key: 'status', width: 130, render: (_, row) => <StatusTag row={row} /> },
    { title: '操作', key: 'actions', width: 250, render: (_, row) => <RowActions row={row} /> },
  ];

  const dateLabel = date === today ? `今天（${formatDate(date)}）` : formatDate(date);

  return (
    <>
      <PageHeader
        title="今日预约"
        description="查看当天的预约名单，凭签到码或扫码为到场的孩子签到。"
        extra={
          <Button
            icon={<ReloadOutlined aria-hidden />}
            loading={bookings.isFetching}
            onClick={() => void bookings.refetch()}
          >
            刷新
          </Button>
        }
      />
      <div className="gy-stack">
        {/* At the door on a phone, the code box comes first. */}
        {isMobile ? <CheckInBox /> : null}
        <div className="gy-venue-filters" role="search" aria-label="筛选预约">
          <DatePicker
            aria-label="日期"
            value={dayjs(date)}
            allowClear={false}
            inputReadOnly={isMobile}
            onChange={(value: Dayjs | null) => setFilter('date', value ? value.format('YYYY-MM-DD') : undefined)}
            style={{ width: isMobile ? '100%' : 180 }}
          />
          <Select
            aria-label="资源"
            placeholder="全部资源"
            allowClear
            value={resourceId}
            options={resourceOptions}
            loading={resources.isPending}
            onChange={(value?: string) => setFilter('resource', value)}
            style={{ width: isMobile ? '100%' : 280 }}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={resources.error ? errorMessage(resources.error) : '暂无资源'}
          />
          {date !== today ? (
            <Button type="link" onClick={() => setFilter('date', undefined)}>
              回到今天
            </Button>
          ) : null}
        </div>

        <section aria-label={`${dateLabel}的预约统计`} className="gy-venue-counts">
          {COUNTS.map((c) => (
            <Card key={c.key} size="small" className="gy-venue-count">
              <Statistic
                title={c.label}
                value={counts ? counts[c.key] : '—'}
                loading={bookings.isPending}
                styles={{ content: { color: c.color, fontWeight: 600 } }}
              />
            </Card>
          ))}
        </section>

        {isMobile ? null : <CheckInBox />}

        <Panel title={`${dateLabel}的预约名单`} bodyStyle={isMobile ? { padding: 12 } : undefined}>
          {bookings.error && !bookings.data ? (
            <QueryError error={bookings.error} onRetry={() => void bookings.refetch()} />
          ) : isMobile ? (
            bookings.isPending ? (
              <p className="gy-muted">加载中…</p>
            ) : (
              <MobileList
                label="预约名单"
                items={items}
                rowKey={(row) => row.id}
                emptyText="这一天没有预约"
                renderItem={(row) => (
                  <div style={{ display: 'grid', gap: 6 }}>
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                      <strong style={{ fontWeight: 600 }}>
                        {formatTimeRange(row.slot.startsAt, row.slot.endsAt)} · {row.student.name}
                      </strong>
                      <StatusTag row={row} />
                    </div>
                    {showResource ? <div className="gy-small">{row.resource.name}</div> : null}
                    <div className="gy-small gy-muted">
                      家长：{row.guardianName}
                      {row.guardianPhone ? ` · ${row.guardianPhone}` : ''}
                    </div>
                    <RowActions row={row} emptyText={null} />
                  </div>
                )}
              />
            )
          ) : (
            <Table<VenueBookingRow>
              rowKey="id"
              columns={columns}
              dataSource={items}
              loading={bookings.isPending || bookings.isPlaceholderData}
              size="middle"
              pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              locale={{ emptyText: '这一天没有预约' }}
              scroll={{ x: 900 }}
            />
          )}
        </Panel>
      </div>
    </>
  );
}
