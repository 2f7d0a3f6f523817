import { forwardRef } from 'react';
import { CalendarOutlined, EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { SearchHit } from '../../../../shared/contract/resources.js';
import { Btn, Tag } from '../../ui/kit.js';
import { distanceLabel, nextSlotLabel } from './format.js';
import { PriceTag, StaleTag, TermChip } from './parts.js';
import type { TermIndex } from './terms.js';

/** One search result: name, where, how far, why it was suggested and the next free session. */
export const ResultCard = forwardRef<
  HTMLElement,
  { hit: SearchHit; index: TermIndex; active: boolean; now: number; onShowOnMap: (id: string) => void }
>(function ResultCard({ hit, index, active, now, onShowOnMap }, ref) {
  const distance = distanceLabel(hit.distanceMeters);
  const domains = hit.terms.filter((t) => t.startsWith('domain:'));
  const type = hit.terms.find((t) => t.startsWith('type:'));
  // Reasons the card already shows elsewhere (distance at the top right, the 育人领域 and 免费 tags) are left out.
  const shown = new Set([...domains.map((d) => index.label(d)), '免费', '收费']);
  const reasons = hit.reasons.filter((r) => !shown.has(r) && !(distance && r.startsWith('距离')));
  return (
    <article
      ref={ref}
      aria-label={hit.name}
      className={active ? 'gy-panel gy-map-card gy-map-card-active' : 'gy-panel gy-map-card'}
    >
      <div className="gy-map-card-head">
        <div style={{ minWidth: 0 }}>
          <h3 className="gy-map-card-title">{hit.name}</h3>
          <p className="gy-map-card-meta">
            {hit.districtName}
            {type ? ` · ${index.label(type)}` : ''}
            {` · 适合 ${hit.ageMin}–${hit.ageMax} 岁`}
          </p>
        </div>
        {distance ? (
          <span className="gy-map-distance" aria-label={`距离 ${distance}`}>
            {distance}
          </span>
        ) : null}
      </div>
      <div className="gy-map-tags">
        {domains.map((d) => (
          <TermChip key={d} label={index.label(d)} color={index.color(d)} small />
        ))}
        <PriceTag free={hit.free} />
        {hit.openNow === true ? <Tag color="green">现在开放</Tag> : null}
        {hit.openNow === false ? <Tag>现在闭馆</Tag> : null}
        {hit.stale ? <StaleTag /> : null}
      </div>
      {reasons.length ? (
        <div className="gy-map-reasons" style={{ marginTop: 8 }} aria-label="推荐理由">
          {reasons.map((r) => (
            <span key={r} className="gy-map-reason">
              {r}
            </span>
          ))}
        </div>
      ) : null}
      <p className={hit.nextSlot ? 'gy-map-card-slot' : 'gy-map-card-slot gy-map-card-slot-none'} style={{ marginBottom: 0 }}>
        <CalendarOutlined aria-hidden />
        {hit.nextSlot ? <span>最近可约：{nextSlotLabel(hit.nextSlot, now)}</span> : <span>近 14 天暂无可约时段</span>}
      </p>
      <div className="gy-map-card-foot">
        <Btn size="small" variant="text" icon={<EnvironmentOutlined />} onClick={() => onShowOnMap(hit.id)}>
          在地图上查看
        </Btn>
        <Link to={`/resources/${hit.id}`} className="gy-btn gy-btn-primary gy-btn-small">
          查看详情 <RightOutlined aria-hidden />
        </Link>
      </div>
    </article>
  );
});
