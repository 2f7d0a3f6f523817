import { keepPreviousData, useQuery } from '@tanstack/react-query';
import * as auditApi from '../../../shared/contract/audit.js';
import type { EndpointQuery } from '../../../shared/contract/endpoint.js';
import { call } from './client.js';
import { queryKeys } from './keys.js';

export function useAuditSearch(query: EndpointQuery<typeof auditApi.searchAudit>) {
  return useQuery({
    queryKey: queryKeys.audit(query),
    queryFn: ({ signal }) => call(auditApi.searchAudit, { query, signal }),
    placeholderData: keepPreviousData,
  });
}
