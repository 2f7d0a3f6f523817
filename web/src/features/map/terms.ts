import { useMemo } from 'react';
import { SCENE_TERMS, type Term } from '../../../../shared/contract/resources.js';
import { useTerms } from '../../api/resources.js';

/** Used when the taxonomy has not loaded yet (or a term has no colour). */
export const FALLBACK_COLOR = '#1f7a5c';

const sceneFallback: Record<string, { label: string; color: string }> = {
  'domain:de': { label: '德育', color: '#d4380d' },
  'domain:zhi': { label: '智育', color: '#1d39c4' },
  'domain:ti': { label: '体育', color: '#389e0d' },
  'domain:mei': { label: '美育', color: '#c41d7f' },
  'domain:lao': { label: '劳育', color: '#ad6800' },
};

export interface TermIndex {
  byId: Map<string, Term>;
  label(id: string): string;
  color(id: string): string;
  /** The first 育人领域 term of a resource, which colours its marker. */
  domainOf(termIds: string[]): string | undefined;
}

export function makeTermIndex(terms: Term[] | undefined): TermIndex {
  const byId = new Map((terms ?? []).map((t) => [t.id, t]));
  return {
    byId,
    label: (id) => byId.get(id)?.label ?? sceneFallback[id]?.label ?? id.replace(/^[a-z]+:/, ''),
    color: (id) => byId.get(id)?.color ?? sceneFallback[id]?.color ?? FALLBACK_COLOR,
    domainOf: (termIds) => termIds.find((id) => id.startsWith('domain:')),
  };
}

/** The taxonomy as lookups, plus the 德智体美劳 scene chips in their display order. */
export function useTermIndex() {
  const terms = useTerms();
  const index = useMemo(() => makeTermIndex(terms.data?.items), [terms.data]);
  const scenes = useMemo(
    () => SCENE_TERMS.map((id) => ({ id, label: index.label(id), color: index.color(id) })),
    [index],
  );
  return { index, scenes, terms };
}
