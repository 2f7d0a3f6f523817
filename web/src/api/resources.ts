import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EndpointQuery } from '../../../shared/contract/endpoint.js';
import * as resourcesApi from '../../../shared/contract/resources.js';
import { call } from './client.js';
import { queryKeys } from './keys.js';

export type ResourceSearchQuery = EndpointQuery<typeof resourcesApi.searchResources>;

/** 教育新地图 search; the previous answer stays on screen while a new filter loads. */
export function useResourceSearch(query: ResourceSearchQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.resourceSearch(query),
    queryFn: ({ signal }) => call(resourcesApi.searchResources, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useResource(resourceId: string) {
  return useQuery({
    queryKey: queryKeys.resource(resourceId),
    queryFn: ({ signal }) => call(resourcesApi.getResource, { params: { resourceId }, signal }),
  });
}

/** Bookable sessions of one resource (default: today and the next 13 days). Seats change quickly: refetch often. */
export function useSlots(resourceId: string, query: EndpointQuery<typeof resourcesApi.listSlots> = { days: 14 }) {
  return useQuery({
    queryKey: queryKeys.resourceSlots(resourceId, query),
    queryFn: ({ signal }) => call(resourcesApi.listSlots, { params: { resourceId }, query, signal }),
    staleTime: 10_000,
    refetchInterval: 60_000,
  });
}

/** The active taxonomy (labels and map colours); it changes rarely. */
export function useTerms() {
  return useQuery({
    queryKey: queryKeys.taxonomyTerms(false),
    queryFn: ({ signal }) => call(resourcesApi.listTerms, { query: { includeInactive: false }, signal }),
    staleTime: 10 * 60_000,
  });
}

/** The base map: tile server, or null for the built-in offline district map. */
export function useMapConfig() {
  return useQuery({
    queryKey: queryKeys.mapConfig,
    queryFn: ({ signal }) => call(resourcesApi.mapConfig, { signal }),
    staleTime: Infinity,
  });
}
