import type { QueryClient } from '@tanstack/react-query';
import * as orgApi from '../../../shared/contract/org.js';
import { call } from './client.js';
import { queryKeys } from './keys.js';

/** One level of the organisation tree (`parent` undefined: the roots this user may see). */
export function fetchOrgNodes(client: QueryClient, parent: string | undefined) {
  return client.fetchQuery({
    queryKey: queryKeys.org(parent),
    queryFn: ({ signal }) => call(orgApi.listOrgNodes, { query: parent ? { parent } : {}, signal }),
    staleTime: 5 * 60_000,
  });
}
