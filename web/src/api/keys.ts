import type * as auditApi from '../../../shared/contract/audit.js';
import type * as bookingsApi from '../../../shared/contract/bookings.js';
import type { EndpointQuery } from '../../../shared/contract/endpoint.js';
import type * as identityApi from '../../../shared/contract/identity.js';
import type * as resourcesApi from '../../../shared/contract/resources.js';
import type * as studentsApi from '../../../shared/contract/students.js';

/**
 * Every TanStack Query key in one place, so a mutation knows exactly what to invalidate.
 * Type-only imports: this file costs nothing in the entry chunk.
 */
export const queryKeys = {
  me: ['me'] as const,
  demoAccounts: ['demo-accounts'] as const,
  sessions: ['me', 'sessions'] as const,
  student: (id: string) => ['student', id] as const,
  consents: (id: string) => ['student', id, 'consents'] as const,
  consentPolicy: ['consent-policy'] as const,
  rosters: ['class'] as const,
  roster: (classId: string) => ['class', classId, 'roster'] as const,
  studentSearches: ['students'] as const,
  students: (query: EndpointQuery<typeof studentsApi.searchStudents>) => ['students', query] as const,
  org: (parent: string | undefined) => ['org', parent ?? 'root'] as const,
  audit: (query: EndpointQuery<typeof auditApi.searchAudit>) => ['audit', query] as const,
  userLists: ['users'] as const,
  users: (query: EndpointQuery<typeof identityApi.listUsers>) => ['users', query] as const,
  conversations: ['assistant', 'conversations'] as const,
  conversation: (id: string) => ['assistant', 'conversations', id] as const,
  article: (slug: string) => ['kb', 'article', slug] as const,
  articleLists: ['kb', 'articles'] as const,
  articles: (q: string) => ['kb', 'articles', q] as const,
  articleVersions: (slug: string) => ['kb', 'article', slug, 'versions'] as const,
  crisisCases: ['crisis-cases'] as const,
  scenarios: ['scenarios'] as const,
  scenarioProgress: ['scenarios', 'progress'] as const,
  scenario: (slug: string) => ['scenarios', 'detail', slug] as const,
  scenarioSession: (id: string) => ['scenario-session', id] as const,
  scenarioReport: (id: string) => ['scenario-session', id, 'report'] as const,
  // 教育新地图: every search and slot list sits under ['resources'] so a booking can refresh them all.
  resources: ['resources'] as const,
  resourceSearches: ['resources', 'search'] as const,
  resourceSearch: (query: EndpointQuery<typeof resourcesApi.searchResources>) => ['resources', 'search', query] as const,
  resource: (id: string) => ['resources', 'detail', id] as const,
  resourceSlotLists: (id: string) => ['resources', 'detail', id, 'slots'] as const,
  resourceSlots: (id: string, query: EndpointQuery<typeof resourcesApi.listSlots>) =>
    ['resources', 'detail', id, 'slots', query] as const,
  taxonomy: ['taxonomy'] as const,
  taxonomyTerms: (includeInactive: boolean) => ['taxonomy', { includeInactive }] as const,
  mapConfig: ['map-config'] as const,
  // 预约
  bookings: ['bookings'] as const,
  myBookings: (scope: NonNullable<EndpointQuery<typeof bookingsApi.listMyBookings>['scope']>) =>
    ['bookings', 'mine', scope] as const,
  booking: (id: string) => ['bookings', 'detail', id] as const,
};
