import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  AimOutlined,
  CalendarOutlined,
  CloseOutlined,
  EnvironmentOutlined,
  FilterOutlined,
  HomeOutlined,
  SearchOutlined,
  ThunderboltOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { SCENE_TERMS } from '../../../shared/contract/resources.js';
import { errorMessage } from '../api/client.js';
import { useSignedInMe } from '../api/identity.js';
import { useMapConfig, useResourceSearch, type ResourceSearchQuery } from '../api/resources.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { districtName } from '../features/map/districts.js';
import { FacetsDialog, type Facets } from '../features/map/FacetsDialog.js';
import { monthDayLabel } from '../features/map/format.js';
import { locate, rememberedPoint, type Point } from '../features/map/geolocation.js';
import { OneClickBooking } from '../features/map/OneClickBooking.js';
import { useNow } from '../features/map/parts.js';
import { ResultCard } from '../features/map/ResultCard.js';
import { useTermIndex } from '../features/map/terms.js';
import { useMediaQuery } from '../features/map/useMediaQuery.js';
import '../features/map/map.css';
import { Btn, BtnLink, Callout, EmptyState, Loading, Spinner } from '../ui/kit.js';

// Leaflet and the cluster plugin load only when a map is shown (desktop, or 地图 on a phone).
const ResourceMap = lazy(() => import('../features/map/ResourceMap.js'));

type Origin = 'none' | 'school' | 'me';
const sceneSet = new Set<string>(SCENE_TERMS);
const SEARCH_LIMIT = 50;

/** 教育地图: search and match education resources around the child's school or the parent, on a list and a map. */
export default function MapPage() {
  const me = useSignedInMe();
  const navigate = useNavigate();
  const children = me.children;
  const [params, setParams] = useSearchParams();
  const wide = useMediaQuery('(min-width: 1024px)');
  const { index, scenes, terms } = useTermIndex();
  const mapConfig = useMapConfig();
  const now = useNow(60_000);

  // The search lives in the URL, so 返回 from a resource page restores it.
  const q = params.get('q') ?? '';
  const selectedTerms = params.getAll('term');
  const districtId = params.get('district') ?? '';
  const date = params.get('date') ?? '';
  const openNow = params.get('open') === '1';
  const childParam = params.get('child');
  const childId = children.find((c) => c.id === childParam)?.id ?? children[0]?.id;
  const originParam = params.get('origin') as Origin | null;
  const origin: Origin =
    originParam === 'none' || originParam === 'me' || (originParam === 'school' && childId)
      ? originParam
      : childId
        ? 'school'
        : 'none';
  const view = wide ? 'both' : params.get('view') === 'map' ? 'map' : 'list';

  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const [point, setPoint] = useState<Point | null>(() => rememberedPoint());
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const [facetsOpen, setFacetsOpen] = useState(false);
  const [oneClickOpen, setOneClickOpen] = useState(false);
  const [activeId, setActiveId] = useState<string | null>(null);
  const cardRefs = useRef(new Map<string, HTMLElement>());
  const searchId = useId();
  const childSelectId = useId();

  const update = (change: (p: URLSearchParams) => void) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        change(next);
        return next;
      },
      { replace: true },
    );

  // “我的位置” chosen (or restored from the URL) without a position yet: ask the browser.
  useEffect(() => {
    if (origin !== 'me' || point || locating) return;
    setLocating(true);
    setLocateError(null);
    locate()
      .then((p) => setPoint(p))
      .catch((e: Error) => {
        setLocateError(e.message);
        update((p) => p.set('origin', 'none'));
      })
      .finally(() => setLocating(false));
  }, [origin, point]);

  // “现在开放” means now, rounded to 5 minutes so the query (and its cache) stays stable meanwhile.
  const openAt = openNow ? new Date(Math.floor(now / 300_000) * 300_000).toISOString() : undefined;
  const query: ResourceSearchQuery = {
    ...(q ? { q } : {}),
    ...(selectedTerms.length ? { term: selectedTerms } : {}),
    ...(districtId ? { districtId } : {}),
    ...(date ? { date } : {}),
    ...(openAt ? { openAt } : {}),
    // The child (for age fit) only with an origin: the server measures from the child's school otherwise.
    ...(childId && origin !== 'none' ? { studentId: childId } : {}),
    ...(origin === 'school' && childId ? { near: 'school' as const } : {}),
    ...(origin === 'me' && point ? { near: 'point' as const, lat: point.lat, lng: point.lng } : {}),
    limit: SEARCH_LIMIT,
  };
  const search = useResourceSearch(query, !(origin === 'me' && !point));
  const hits = useMemo(() => search.data?.items ?? [], [search.data]);

  const facets: Facets = {
    terms: selectedTerms.filter((t) => !sceneSet.has(t)),
    districtId,
    date,
    openNow,
  };
  const facetCount = facets.terms.length + (districtId ? 1 : 0) + (date ? 1 : 0) + (openNow ? 1 : 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update((p) => {
      const value = text.trim();
      if (value) p.set('q', value);
      else p.delete('q');
    });
  };

  const toggleTerm = (id: string) =>
    update((p) => {
      const current = p.getAll('term');
      p.delete('term');
      const next = current.includes(id) ? current.filter((t) => t !== id) : [...current, id];
      for (const t of next) p.append('term', t);
    });

  const applyFacets = (value: Facets) =>
    update((p) => {
      const keepScenes = p.getAll('term').filter((t) => sceneSet.has(t));
      p.delete('term');
      for (const t of [...keepScenes, ...value.terms]) p.append('term', t);
      if (value.districtId) p.set('district', value.districtId);
      else p.delete('district');
      if (value.date) p.set('date', value.date);
      else p.delete('date');
      if (value.openNow) p.set('open', '1');
      else p.delete('open');
    });

  const chooseOrigin = (next: Origin) => {
    setLocateError(null);
    update((p) => p.set('origin', next));
  };

  const showOnMap = (id: string) => {
    setActiveId(id);
    if (!wide) {
      update((p) => p.set('view', 'map'));
      scrollToMap.current = true;
    }
  };
  // On a phone, 在地图上查看 switches to the map and brings it into view.
  const mapPaneRef = useRef<HTMLDivElement>(null);
  const scrollToMap = useRef(false);
  useEffect(() => {
    if (view !== 'map' || !scrollToMap.current) return;
    scrollToMap.current = false;
    mapPaneRef.current?.scrollIntoView({ block: 'start' });
  }, [view]);

  const selectFromMap = (id: string) => {
    setActiveId(id);
    cardRefs.current.get(id)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };

  const originLabel = search.data?.origin?.label;
  const mapOrigin = search.data?.origin
    ? {
        ...search.data.origin,
        label: origin === 'me' ? '我的位置' : search.data.origin.label,
      }
    : null;

  const list = (
    <section aria-label="搜索结果">
      {search.isPending && search.fetchStatus !== 'idle' ? (
        <Loading text="正在查找…" />
      ) : search.error ? (
        <Callout type="error" title="搜索失败">
          {errorMessage(search.error)}{' '}
          <Btn size="small" variant="link" onClick={() => void search.refetch()}>
            重试
          </Btn>
        </Callout>
      ) : !search.data ? (
        locating ? (
          <Loading text="正在获取你的位置…" />
        ) : null
      ) : (
        <>
          {search.data.fallback ? (
            <Callout type="info" title="没有找到完全匹配的，为你推荐附近热门资源" style={{ marginBottom: 12 }} />
          ) : null}
          {hits.length === 0 ? (
            <Panel>
              <EmptyState>没有找到符合条件的资源，试试换个说法或减少筛选条件。</EmptyState>
            </Panel>
          ) : (
            <ul className="gy-map-list">
              {hits.map((hit) => (
                <li key={hit.id}>
                  <ResultCard
                    ref={(node) => {
                      if (node) cardRefs.current.set(hit.id, node);
                      else cardRefs.current.delete(hit.id);
                    }}
                    hit={hit}
                    index={index}
                    active={hit.id === activeId}
                    now={now}
                    onShowOnMap={showOnMap}
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );

  const map = (
    <div ref={mapPaneRef} className={wide ? 'gy-map-pane' : 'gy-map-pane gy-map-pane-phone'}>
      <Suspense fallback={<Loading text="正在加载地图…" />}>
        <ResourceMap
          items={hits}
          origin={mapOrigin}
          config={mapConfig.data}
          index={index}
          activeId={activeId}
          onSelect={selectFromMap}
          onOpen={(id) => navigate(`/resources/${id}`)}
          label="教育资源地图：点击标记查看资源"
        />
      </Suspense>
    </div>
  );

  return (
    <>
      <PageHeader
        title="教育地图"
        description="找找孩子身边的博物馆、科技馆、公园和实践基地，看看哪天有空位。"
        extra={
          me.can.bookResources ? (
            <>
              <Btn variant="primary" icon={<ThunderboltOutlined />} onClick={() => setOneClickOpen(true)}>
                一键就近预约
              </Btn>
              <BtnLink to="/bookings" icon={<CalendarOutlined />}>
                我的预约
              </BtnLink>
            </>
          ) : null
        }
      />

      <div className="gy-panel" style={{ padding: wide ? 16 : 12 }}>
        <form className="gy-map-search" role="search" onSubmit={submit}>
          <label htmlFor={searchId} className="gy-visually-hidden">
            搜索教育资源
          </label>
          <div className="gy-input-wrap">
            <SearchOutlined aria-hidden className="gy-input-prefix" />
            <input
              id={searchId}
              type="search"
              className="gy-input"
              aria-label="搜索教育资源"
              placeholder="如：科技馆、恐龙、天文"
              value={text}
              maxLength={100}
              enterKeyHint="search"
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <Btn type="submit" variant="primary">
            搜索
          </Btn>
        </form>

        <div className="gy-map-scenes" role="group" aria-label="育人场景">
          {scenes.map((s) => {
            const pressed = selectedTerms.includes(s.id);
            return (
              <button
                key={s.id}
                type="button"
                className="gy-map-chip"
                aria-pressed={pressed}
                style={{ ['--chip-color' as string]: s.color, ['--chip-bg' as string]: `${s.color}1a` }}
                onClick={() => toggleTerm(s.id)}
              >
                <span aria-hidden className="gy-map-dot" style={{ background: s.color }} />
                {s.label}
              </button>
            );
          })}
        </div>

        <div className="gy-map-toolbar">
          <div className="gy-map-seg" role="group" aria-label="从哪里算距离">
            {childId ? (
              <button type="button" aria-pressed={origin === 'school'} onClick={() => chooseOrigin('school')}>
                <HomeOutlined aria-hidden />
                孩子学校附近
              </button>
            ) : null}
            <button type="button" aria-pressed={origin === 'me'} onClick={() => chooseOrigin('me')} disabled={locating}>
              {locating ? <Spinner size={12} /> : <AimOutlined aria-hidden />}
              我的位置
            </button>
            <button type="button" aria-pressed={origin === 'none'} onClick={() => chooseOrigin('none')}>
              不限
            </button>
          </div>
          {children.length > 1 ? (
            <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
              <label htmlFor={childSelectId} className="gy-small">
                孩子
              </label>
              <select
                id={childSelectId}
                className="gy-map-select"
                style={{ height: 34 }}
                value={childId}
                onChange={(e) => update((p) => p.set('child', e.target.value))}
              >
                {children.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}（{c.schoolName}）
                  </option>
                ))}
              </select>
            </span>
          ) : null}
          <Btn
            icon={<FilterOutlined />}
            onClick={() => setFacetsOpen(true)}
            aria-label={`筛选${facetCount ? `（已选 ${facetCount} 项）` : ''}`}
          >
            筛选
            {facetCount ? (
              <span className="gy-map-badge" aria-hidden>
                {facetCount}
              </span>
            ) : null}
          </Btn>
        </div>

        {facetCount ? (
          <div className="gy-map-active-filters" aria-label="已选筛选条件">
            {districtId ? (
              <FilterChip
                label={districtName(districtId) ?? districtId}
                onRemove={() => update((p) => p.delete('district'))}
              />
            ) : null}
            {date ? (
              <FilterChip label={`${monthDayLabel(date)} 有余位`} onRemove={() => update((p) => p.delete('date'))} />
            ) : null}
            {openNow ? <FilterChip label="现在开放" onRemove={() => update((p) => p.delete('open'))} /> : null}
            {facets.terms.map((t) => (
              <FilterChip key={t} label={index.label(t)} onRemove={() => toggleTerm(t)} />
            ))}
          </div>
        ) : null}

        {locateError ? <Callout type="warning" title={locateError} style={{ marginTop: 10 }} /> : null}
      </div>

      <div className="gy-map-summary">
        <p className="gy-muted" style={{ margin: 0 }} aria-live="polite">
          {search.data ? (
            <>
              {search.data.fallback ? '推荐' : hits.length >= SEARCH_LIMIT ? '最匹配的' : '找到'} {hits.length}{' '}
              个资源
              {search.data.tokens.length && q ? `，按“${search.data.tokens.join(' · ')}”搜索` : ''}
              {originLabel ? `，距离从“${origin === 'me' ? '你的位置' : originLabel}”算起` : ''}
            </>
          ) : null}
          {search.isFetching && search.data ? (
            <span style={{ marginInlineStart: 8 }}>
              <Spinner size={12} label="正在更新" />
            </span>
          ) : null}
        </p>
        {!wide ? (
          <div className="gy-map-seg" role="group" aria-label="显示方式">
            <button type="button" aria-pressed={view === 'list'} onClick={() => update((p) => p.delete('view'))}>
              <UnorderedListOutlined aria-hidden />
              列表
            </button>
            <button type="button" aria-pressed={view === 'map'} onClick={() => update((p) => p.set('view', 'map'))}>
              <EnvironmentOutlined aria-hidden />
              地图
            </button>
          </div>
        ) : null}
      </div>

      {view === 'both' ? (
        <div className="gy-map-layout gy-map-layout-split">
          {list}
          {map}
        </div>
      ) : view === 'map' ? (
        map
      ) : (
        list
      )}

      <FacetsDialog
        open={facetsOpen}
        onClose={() => setFacetsOpen(false)}
        value={facets}
        onApply={applyFacets}
        terms={terms.data?.items ?? []}
      />
      {me.can.bookResources ? (
        <OneClickBooking
          open={oneClickOpen}
          onClose={() => setOneClickOpen(false)}
          initialStudentId={childId}
          point={origin === 'me' ? point : null}
        />
      ) : null}
    </>
  );
}

function FilterChip({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <button type="button" className="gy-map-filter-chip" onClick={onRemove} aria-label={`移除筛选：${label}`}>
      {label}
      <CloseOutlined aria-hidden style={{ fontSize: 11 }} />
    </button>
  );
}
