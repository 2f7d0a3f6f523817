import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import * as scenariosApi from '../../../shared/contract/scenarios.js';
import { call } from './client.js';
import { queryKeys } from './keys.js';

export function useScenarios() {
  return useQuery({
    queryKey: queryKeys.scenarios,
    queryFn: ({ signal }) => call(scenariosApi.listScenarios, { signal }),
  });
}

export function useScenario(slug: string) {
  return useQuery({
    queryKey: queryKeys.scenario(slug),
    queryFn: ({ signal }) => call(scenariosApi.getScenario, { params: { slug }, signal }),
  });
}

export function useScenarioProgress() {
  return useQuery({
    queryKey: queryKeys.scenarioProgress,
    queryFn: ({ signal }) => call(scenariosApi.scenarioProgress, { signal }),
  });
}

export function useScenarioSession(sessionId: string) {
  return useQuery({
    queryKey: queryKeys.scenarioSession(sessionId),
    queryFn: ({ signal }) => call(scenariosApi.getScenarioSession, { params: { sessionId }, signal }),
    staleTime: 60_000,
  });
}

export function useScenarioReport(sessionId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.scenarioReport(sessionId),
    queryFn: ({ signal }) => call(scenariosApi.getScenarioReport, { params: { sessionId }, signal }),
    enabled,
    staleTime: Infinity,
  });
}

/** 开始练习: a new session of a scenario, then straight into the player. */
export function useStartScenario() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (slug: string) => call(scenariosApi.startScenarioSession, { params: { slug } }),
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.scenarioSession(session.id), session);
      void queryClient.invalidateQueries({ queryKey: queryKeys.scenarios });
      navigate(`/scenario-sessions/${session.id}`);
    },
  });
}
