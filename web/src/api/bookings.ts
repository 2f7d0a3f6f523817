import { useMemo, useRef } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import * as bookingsApi from '../../../shared/contract/bookings.js';
import type { Booking } from '../../../shared/contract/bookings.js';
import type { EndpointBody } from '../../../shared/contract/endpoint.js';
import { call, isApiError } from './client.js';
import { queryKeys } from './keys.js';

export type BookingScope = 'upcoming' | 'past' | 'all';

/**
 * A fresh Idempotency-Key. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost);
 * a parent on a plain-HTTP intranet address still gets a random v4 UUID from getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One Idempotency-Key per user intent: pressing 预约 again for the same slot and child after a
 * network failure resends the same key (so the server never books twice); a different choice,
 * a success or a definite refusal (4xx) starts a new intent.
 */
export function useIntentKey() {
  const current = useRef<{ intent: string; key: string } | null>(null);
  return useMemo(
    () => ({
      keyFor(intent: string): string {
        if (current.current?.intent !== intent) current.current = { intent, key: newIdempotencyKey() };
        return current.current.key;
      },
      /** After an answer: keep the key only when the request may not have reached the server. */
      settle(error?: unknown) {
        const retryable = error !== undefined && (!isApiError(error) || error.status === 0 || error.status >= 500);
        if (!retryable) current.current = null;
      },
    }),
    [],
  );
}

/** A booking changes seats (slot lists, search "余位") and the family's lists. */
function afterBookingChange(queryClient: QueryClient, booking?: Booking) {
  if (booking) queryClient.setQueryData(queryKeys.booking(booking.id), booking);
  void queryClient.invalidateQueries({ queryKey: queryKeys.bookings });
  void queryClient.invalidateQueries({ queryKey: queryKeys.resources });
}

export function useMyBookings(scope: BookingScope, enabled = true) {
  return useQuery({
    queryKey: queryKeys.myBookings(scope),
    queryFn: ({ signal }) => call(bookingsApi.listMyBookings, { query: { scope }, signal }),
    enabled,
  });
}

export function useBooking(bookingId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.booking(bookingId),
    queryFn: ({ signal }) => call(bookingsApi.getBooking, { params: { bookingId }, signal }),
    enabled,
  });
}

/** 预约 a slot: held for 5 minutes (or waitlisted when full and asked). Pass the intent's Idempotency-Key. */
export function useCreateBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: EndpointBody<typeof bookingsApi.createBooking>; idempotencyKey: string }) =>
      call(bookingsApi.createBooking, { body, idempotencyKey }),
    onSuccess: (booking) => afterBookingChange(queryClient, booking),
  });
}

export function useConfirmBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (bookingId: string) => call(bookingsApi.confirmBooking, { params: { bookingId } }),
    onSuccess: (booking) => afterBookingChange(queryClient, booking),
    // A hold that expired or was taken meanwhile: refresh what is shown.
    onError: () => afterBookingChange(queryClient),
  });
}

export function useCancelBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ bookingId, reason }: { bookingId: string; reason?: string }) =>
      call(bookingsApi.cancelBooking, { params: { bookingId }, body: reason ? { reason } : {} }),
    onSuccess: (booking) => afterBookingChange(queryClient, booking),
    onError: () => afterBookingChange(queryClient),
  });
}

/** 一键就近预约: the server finds the nearest open match and holds a seat for the child. */
export function useNearestBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: EndpointBody<typeof bookingsApi.nearestBooking>; idempotencyKey: string }) =>
      call(bookingsApi.nearestBooking, { body, idempotencyKey }),
    onSuccess: ({ booking }) => afterBookingChange(queryClient, booking),
  });
}
