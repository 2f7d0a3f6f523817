import { useEffect, useId, useState } from 'react';
import { taxonomyFacetLabels, type Term, type TaxonomyFacet } from '../../../../shared/contract/resources.js';
import { Dialog } from '../../components/Dialog.js';
import { Btn } from '../../ui/kit.js';
import { BEIJING_DISTRICTS } from './districts.js';
import { beijingDateKey } from './format.js';

export interface Facets {
  /** Non-scene terms (type, theme, age, price, access). */
  terms: string[];
  districtId: string;
  date: string;
  openNow: boolean;
}

const FACETS: TaxonomyFacet[] = ['type', 'theme', 'age', 'price', 'access'];

/** 筛选: the taxonomy facets, district, a date with free seats and “现在开放”. Applied on 查看结果. */
export function FacetsDialog({
  open,
  onClose,
  value,
  onApply,
  terms,
}: {
  open: boolean;
  onClose: () => void;
  value: Facets;
  onApply: (value: Facets) => void;
  terms: Term[];
}) {
  const [draft, setDraft] = useState<Facets>(value);
  const districtId = useId();
  const dateId = useId();
  useEffect(() => {
    if (open) setDraft(value);
    // Only when opening (not on every `value` change): edits stay a draft until 查看结果.
  }, [open]);

  const today = beijingDateKey(Date.now());
  const maxDate = beijingDateKey(Date.now() + 59 * 86_400_000);
  const toggle = (id: string) =>
    setDraft((d) => ({ ...d, terms: d.terms.includes(id) ? d.terms.filter((t) => t !== id) : [...d.terms, id] }));

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="筛选"
      width={560}
      footer={
        <>
          <Btn onClick={() => setDraft({ terms: [], districtId: '', date: '', openNow: false })}>清除筛选</Btn>
          <Btn
            variant="primary"
            onClick={() => {
              onApply(draft);
              onClose();
            }}
          >
            查看结果
          </Btn>
        </>
      }
    >
      <div className="gy-map-facets">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
          <div>
            <label htmlFor={districtId} className="gy-field-label">
              所在区
            </label>
            <select
              id={districtId}
              className="gy-map-select"
              value={draft.districtId}
              onChange={(e) => setDraft((d) => ({ ...d, districtId: e.target.value }))}
            >
              <option value="">全市</option>
              {BEIJING_DISTRICTS.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={dateId} className="gy-field-label">
              有余位的日期
            </label>
            <input
              id={dateId}
              type="date"
              className="gy-map-date"
              min={today}
              max={maxDate}
              value={draft.date}
              onChange={(e) => setDraft((d) => ({ ...d, date: e.target.value }))}
            />
          </div>
        </div>
        <label className="gy-map-check">
          <input
            type="checkbox"
            checked={draft.openNow}
            onChange={(e) => setDraft((d) => ({ ...d, openNow: e.target.checked }))}
          />
          现在开放
        </label>
        {FACETS.map((facet) => {
          const options = terms.filter((t) => t.facet === facet && t.active);
          if (!options.length) return null;
          return (
            <fieldset key={facet} className="gy-map-fieldset">
              <legend className="gy-map-legend">{taxonomyFacetLabels[facet]}</legend>
              <div className="gy-map-pills">
                {options.map((t) => (
                  <label key={t.id} className="gy-map-pill">
                    <input type="checkbox" checked={draft.terms.includes(t.id)} onChange={() => toggle(t.id)} />
                    <span>
                      {t.label}
                      {t.resourceCount ? <span className="gy-muted gy-small">（{t.resourceCount}）</span> : null}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </div>
    </Dialog>
  );
}
