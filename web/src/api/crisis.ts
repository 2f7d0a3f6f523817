import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import * as assistantApi from '../../../shared/contract/assistant.js';
import { call } from './client.js';
import { queryKeys } from './keys.js';

export type CrisisCase = z.infer<typeof assistantApi.CrisisCaseSchema>;

/** The district counsellors' queue, every status; refreshed every minute while the page is open. */
export function useCrisisCases() {
  return useQuery({
    queryKey: queryKeys.crisisCases,
    queryFn: ({ signal }) => call(assistantApi.listCrisisCases, { query: {}, signal }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}
