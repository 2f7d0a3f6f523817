import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EndpointQuery } from '../../../shared/contract/endpoint.js';
import * as studentsApi from '../../../shared/contract/students.js';
import { call } from './client.js';
import { queryKeys } from './keys.js';

export function useStudent(studentId: string) {
  return useQuery({
    queryKey: queryKeys.student(studentId),
    queryFn: ({ signal }) => call(studentsApi.getStudent, { params: { studentId }, query: {}, signal }),
  });
}

export function useConsents(studentId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.consents(studentId),
    queryFn: ({ signal }) => call(studentsApi.listConsents, { params: { studentId }, signal }),
    enabled,
  });
}

export function useConsentPolicy(enabled = true) {
  return useQuery({
    queryKey: queryKeys.consentPolicy,
    queryFn: ({ signal }) => call(studentsApi.consentPolicy, { signal }),
    staleTime: 30 * 60_000,
    enabled,
  });
}

export function useRoster(classId: string) {
  return useQuery({
    queryKey: queryKeys.roster(classId),
    queryFn: ({ signal }) => call(studentsApi.listClassRoster, { params: { classId }, signal }),
  });
}

export function useStudentSearch(query: EndpointQuery<typeof studentsApi.searchStudents>) {
  return useQuery({
    queryKey: queryKeys.students(query),
    queryFn: ({ signal }) => call(studentsApi.searchStudents, { query, signal }),
    placeholderData: keepPreviousData,
  });
}
