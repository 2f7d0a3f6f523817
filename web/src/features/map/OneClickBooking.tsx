/**
 * 一键就近预约: pick the child and what they need; the server finds the nearest open match with a free
 * seat, holds it for 5 minutes, and the parent confirms or lets it go. Opened from 教育地图 and 我的孩子.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { AimOutlined, HomeOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { SearchHit } from '../../../../shared/contract/resources.js';
import { errorMessage } from '../../api/client.js';
import { useIntentKey, useNearestBooking } from '../../api/bookings.js';
import { useSignedInMe } from '../../api/identity.js';
import { Dialog } from '../../components/Dialog.js';
import { Btn, Callout } from '../../ui/kit.js';
import { BookingFlowBody, BookingFlowFooter, useBookingFlow } from './BookingFlow.js';
import { geolocationGranted, locate, rememberedPoint, type Point } from './geolocation.js';
import { ChildPicker } from './parts.js';
import { useTermIndex } from './terms.js';
import './map.css';

export function OneClickBooking({
  open,
  onClose,
  initialStudentId,
  point,
}: {
  open: boolean;
  onClose: () => void;
  initialStudentId?: string;
  /** “我的位置” when the parent already shared it on the map. */
  point?: Point | null;
}) {
  const me = useSignedInMe();
  const children = me.children;
  const { scenes } = useTermIndex();
  const [studentId, setStudentId] = useState<string | undefined>(initialStudentId ?? children[0]?.id);
  const [scene, setScene] = useState<string>('');
  const [need, setNeed] = useState('');
  const [found, setFound] = useState<Point | null>(point ?? null);
  const [hit, setHit] = useState<SearchHit | undefined>();
  const nearest = useNearestBooking();
  const intent = useIntentKey();
  const flow = useBookingFlow();
  const needId = useId();
  const sceneName = useId();

  // Each opening starts afresh, for the child it was opened for.
  useEffect(() => {
    if (!open) return;
    setStudentId(initialStudentId ?? children[0]?.id);
    flow.reset();
    nearest.reset();
    setHit(undefined);
  }, [open, initialStudentId]);

  // Use the parent's position only if they already allowed it; never prompt from here.
  useEffect(() => {
    if (!open) return;
    if (point) {
      setFound(point);
      return;
    }
    const remembered = rememberedPoint();
    if (remembered) {
      setFound(remembered);
      return;
    }
    let alive = true;
    void geolocationGranted().then((granted) => {
      if (!granted || !alive) return;
      locate(5000).then(
        (p) => alive && setFound(p),
        () => undefined,
      );
    });
    return () => {
      alive = false;
    };
  }, [open, point]);

  const child = children.find((c) => c.id === studentId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!studentId) return;
    const text = need.trim();
    const body = {
      studentId,
      ...(text ? { need: text } : {}),
      ...(scene ? { term: [scene] } : {}),
      ...(found ? { lat: found.lat, lng: found.lng } : {}),
    };
    const idempotencyKey = intent.keyFor(JSON.stringify(body));
    nearest.mutate(
      { body, idempotencyKey },
      {
        onSuccess: (result) => {
          intent.settle();
          setHit(result.hit);
          flow.start(result.booking);
        },
        onError: (error) => intent.settle(error),
      },
    );
  };

  const restart = () => {
    flow.reset();
    nearest.reset();
    setHit(undefined);
  };

  const showingResult = flow.booking !== null;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      width={520}
      title={
        flow.booking?.status === 'confirmed'
          ? '预约成功'
          : flow.booking?.status === 'held' && !flow.expired
            ? '为你找到最近的名额'
            : '一键就近预约'
      }
      footer={
        showingResult ? (
          <BookingFlowFooter flow={flow} onClose={onClose} onRestart={restart} restartLabel="重新匹配" />
        ) : (
          <>
            <Btn onClick={onClose}>取消</Btn>
            <Btn
              variant="primary"
              type="submit"
              form="gy-oneclick-form"
              icon={<ThunderboltOutlined />}
              loading={nearest.isPending}
              disabled={!studentId}
            >
              帮我找最近的
            </Btn>
          </>
        )
      }
    >
      {showingResult ? (
        <BookingFlowBody flow={flow} hit={hit} />
      ) : children.length === 0 ? (
        <Callout type="info" title="还不能预约">
          您的账户还没有关联孩子。预约需要为孩子登记，请联系孩子所在学校核实家庭关系。
        </Callout>
      ) : (
        <form id="gy-oneclick-form" onSubmit={submit} className="gy-stack" style={{ gap: 14 }}>
          <p className="gy-muted" style={{ margin: 0 }}>
            选好孩子和想做的事，我们会找到离你最近、现在有余位的资源，为孩子保留名额 5 分钟，确认后才算预约成功。
          </p>
          {children.length > 1 ? (
            <ChildPicker options={children} value={studentId} onChange={setStudentId} legend="为哪个孩子预约" />
          ) : child ? (
            <p style={{ margin: 0 }}>
              为 <strong>{child.name}</strong> 预约（{child.schoolName}）
            </p>
          ) : null}
          <fieldset className="gy-map-fieldset">
            <legend className="gy-map-legend">想做什么</legend>
            <div className="gy-map-pills">
              <label className="gy-map-pill">
                <input type="radio" name={sceneName} value="" checked={scene === ''} onChange={() => setScene('')} />
                <span>不限</span>
              </label>
              {scenes.map((s) => (
                <label key={s.id} className="gy-map-pill">
                  <input
                    type="radio"
                    name={sceneName}
                    value={s.id}
                    checked={scene === s.id}
                    onChange={() => setScene(s.id)}
                  />
                  <span>
                    <span aria-hidden className="gy-map-dot" style={{ background: s.color }} />
                    {s.label}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor={needId} className="gy-field-label">
              或者说说具体需求（可不填）
            </label>
            <div className="gy-input-wrap">
              <input
                id={needId}
                className="gy-input"
                value={need}
                maxLength={100}
                placeholder="例如：天文、游泳、做手工"
                onChange={(e) => setNeed(e.target.value)}
              />
            </div>
          </div>
          <p className="gy-small gy-muted" style={{ margin: 0, display: 'flex', gap: 6, alignItems: 'center' }}>
            {found ? (
              <>
                <AimOutlined aria-hidden /> 从你当前的位置出发匹配
              </>
            ) : (
              <>
                <HomeOutlined aria-hidden /> 从{child ? `${child.name}的学校（${child.schoolName}）` : '孩子的学校'}出发匹配
              </>
            )}
          </p>
          {nearest.error ? <Callout type="error" title={errorMessage(nearest.error)} /> : null}
        </form>
      )}
    </Dialog>
  );
}

export default OneClickBooking;
