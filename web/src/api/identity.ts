import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { EndpointQuery } from '../../../shared/contract/endpoint.js';
import * as identityApi from '../../../shared/contract/identity.js';
import { call, isApiError } from './client.js';
import { queryKeys } from './keys.js';

/** The signed-in user, or null when the session is missing or expired (401). */
export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: async ({ signal }) => {
    try {
      return await call(identityApi.getMe, { signal });
    } catch (error) {
      if (isApiError(error) && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}

/** For pages inside the shell, which renders them only once `me` is known. */
export function useSignedInMe(): identityApi.Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useSignedInMe used outside the signed-in shell');
  return data;
}

export function useDemoAccounts() {
  return useQuery({
    queryKey: queryKeys.demoAccounts,
    queryFn: ({ signal }) => call(identityApi.listDemoAccounts, { signal }),
    staleTime: Infinity,
    retry: false,
  });
}

export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: ({ signal }) => call(identityApi.listMySessions, { signal }),
  });
}

export function useUsers(query: EndpointQuery<typeof identityApi.listUsers>) {
  return useQuery({
    queryKey: queryKeys.users(query),
    queryFn: ({ signal }) => call(identityApi.listUsers, { query, signal }),
    placeholderData: keepPreviousData,
  });
}
