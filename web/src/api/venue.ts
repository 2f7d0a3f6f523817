import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as bookingsApi from '../../../shared/contract/bookings.js';
import type { EndpointBody, EndpointResponse } from '../../../shared/contract/endpoint.js';
import * as resourcesApi from '../../../shared/contract/resources.js';
import { call } from './client.js';

/**
 * The staff side of 教育新地图: 今日预约 (venue door), 资源管理, 资源标签 and 资源单位接入.
 * Query keys live here (not in keys.ts) so a mutation below knows exactly what to refresh.
 */
export const venueKeys = {
  all: ['venue'] as const,
  managedResources: ['venue', 'resources'] as const,
  resource: (resourceId: string) => ['venue', 'resource', resourceId] as const,
  slotLists: (resourceId: string) => ['venue', 'resource', resourceId, 'slots'] as const,
  slots: (resourceId: string, from: string | undefined, days: number) =>
    ['venue', 'resource', resourceId, 'slots', from ?? 'today', days] as const,
  bookingLists: ['venue', 'bookings'] as const,
  bookings: (date: string | undefined, resourceId: string | undefined) =>
    ['venue', 'bookings', date ?? 'today', resourceId ?? 'all'] as const,
  taxonomy: ['venue', 'taxonomy'] as const,
  terms: (includeInactive: boolean) => ['venue', 'taxonomy', includeInactive] as const,
};

export type ManagedResource = EndpointResponse<typeof resourcesApi.listManagedResources>['items'][number];
export type ManagedUnit = EndpointResponse<typeof resourcesApi.listManagedResources>['units'][number];
export type VenueBookingRow = EndpointResponse<typeof bookingsApi.listVenueBookings>['items'][number];
export type ResourceInput = EndpointBody<typeof resourcesApi.createResource>;
export type ScheduleInput = EndpointBody<typeof resourcesApi.createSchedule>;
export type TermInput = EndpointBody<typeof resourcesApi.createTerm>;
export type TermPatch = EndpointBody<typeof resourcesApi.updateTerm>;
export type OnboardInput = EndpointBody<typeof resourcesApi.onboardUnit>;
export type ImportInput = EndpointBody<typeof resourcesApi.importDirectory>;

/* ── Reads ── */

export function useManagedResources() {
  return useQuery({
    queryKey: venueKeys.managedResources,
    queryFn: ({ signal }) => call(resourcesApi.listManagedResources, { signal }),
  });
}

/** Full detail for the editor and the schedules panel; always fresh (an editor starts from the newest data). */
export function useManagedResource(resourceId: string | undefined) {
  return useQuery({
    queryKey: venueKeys.resource(resourceId ?? ''),
    queryFn: ({ signal }) => call(resourcesApi.getResource, { params: { resourceId: resourceId! }, signal }),
    enabled: !!resourceId,
    staleTime: 0,
  });
}

export function useResourceSlots(resourceId: string | undefined, from?: string, days = 14) {
  return useQuery({
    queryKey: venueKeys.slots(resourceId ?? '', from, days),
    queryFn: ({ signal }) =>
      call(resourcesApi.listSlots, { params: { resourceId: resourceId! }, query: { from, days }, signal }),
    enabled: !!resourceId,
  });
}

export function useVenueBookings(date: string | undefined, resourceId: string | undefined) {
  return useQuery({
    queryKey: venueKeys.bookings(date, resourceId),
    queryFn: ({ signal }) => call(bookingsApi.listVenueBookings, { query: { date, resourceId }, signal }),
    placeholderData: keepPreviousData,
    // The door list changes as families arrive and cancel.
    refetchInterval: 60_000,
  });
}

export function useTerms(includeInactive = false) {
  return useQuery({
    queryKey: venueKeys.terms(includeInactive),
    queryFn: ({ signal }) => call(resourcesApi.listTerms, { query: { includeInactive }, signal }),
    staleTime: 5 * 60_000,
  });
}

/* ── Bookings at the door ── */

function useRefreshBookings() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: venueKeys.bookingLists });
}

export function useCheckIn() {
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: (code: string) => call(bookingsApi.checkIn, { body: { code } }),
    onSuccess: () => void refresh(),
  });
}

export function useMarkAttendance() {
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: ({ bookingId, outcome }: { bookingId: string; outcome: 'checkedIn' | 'noShow' }) =>
      call(bookingsApi.markAttendance, { params: { bookingId }, body: { outcome } }),
    onSettled: () => void refresh(),
  });
}

export function useVenueCancel() {
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: ({ bookingId, reason }: { bookingId: string; reason?: string }) =>
      call(bookingsApi.cancelBooking, { params: { bookingId }, body: reason ? { reason } : {} }),
    onSettled: () => void refresh(),
  });
}

/* ── Resources and schedules ── */

function useRefreshResource() {
  const queryClient = useQueryClient();
  return (resourceId?: string) => {
    void queryClient.invalidateQueries({ queryKey: venueKeys.managedResources });
    if (resourceId) void queryClient.invalidateQueries({ queryKey: venueKeys.resource(resourceId) });
    // Term counts change when a resource's terms do.
    void queryClient.invalidateQueries({ queryKey: venueKeys.taxonomy });
  };
}

export function useCreateResource() {
  const refresh = useRefreshResource();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: string; body: ResourceInput }) =>
      call(resourcesApi.createResource, { params: { unitId }, body }),
    onSuccess: (detail) => {
      queryClient.setQueryData(venueKeys.resource(detail.id), detail);
      refresh();
    },
  });
}

export function useUpdateResource() {
  const refresh = useRefreshResource();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      resourceId,
      body,
    }: {
      resourceId: string;
      body: EndpointBody<typeof resourcesApi.updateResource>;
    }) => call(resourcesApi.updateResource, { params: { resourceId }, body }),
    onSuccess: (detail) => {
      queryClient.setQueryData(venueKeys.resource(detail.id), detail);
      refresh();
    },
  });
}

export function useVerifyResource() {
  const refresh = useRefreshResource();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (resourceId: string) => call(resourcesApi.verifyResource, { params: { resourceId } }),
    onSuccess: (detail) => {
      queryClient.setQueryData(venueKeys.resource(detail.id), detail);
      refresh();
    },
  });
}

export function useCreateSchedule(resourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ScheduleInput) => call(resourcesApi.createSchedule, { params: { resourceId }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: venueKeys.resource(resourceId) });
      void queryClient.invalidateQueries({ queryKey: venueKeys.slotLists(resourceId) });
    },
  });
}

export function useDeleteSchedule(resourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scheduleId: string) => call(resourcesApi.deleteSchedule, { params: { resourceId, scheduleId } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: venueKeys.resource(resourceId) });
      void queryClient.invalidateQueries({ queryKey: venueKeys.slotLists(resourceId) });
    },
  });
}

export function useSetSlotStatus(resourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ slotId, status }: { slotId: string; status: 'open' | 'closed' }) =>
      call(resourcesApi.setSlotStatus, { params: { slotId }, body: { status } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: venueKeys.slotLists(resourceId) }),
  });
}

/* ── Taxonomy ── */

export function useCreateTerm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TermInput) => call(resourcesApi.createTerm, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: venueKeys.taxonomy }),
  });
}

export function useUpdateTerm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ termId, body }: { termId: string; body: TermPatch }) =>
      call(resourcesApi.updateTerm, { params: { termId }, body }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: venueKeys.taxonomy }),
  });
}

/* ── Directory (district admins) ── */

export function useOnboardUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OnboardInput) => call(resourcesApi.onboardUnit, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: venueKeys.managedResources }),
  });
}

export function useImportDirectory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportInput) => call(resourcesApi.importDirectory, { body }),
    onSuccess: (result) => {
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: venueKeys.all });
    },
  });
}

/** Where the browser downloads the HSDS export (the server sets Content-Disposition). */
export function directoryExportHref(format: (typeof resourcesApi.HSDS_FORMATS)[number], districtId?: string): string {
  const query = new URLSearchParams({ format });
  if (districtId) query.set('districtId', districtId);
  return `${resourcesApi.exportDirectory.path}?${query.toString()}`;
}
