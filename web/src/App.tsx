import { lazy, Suspense, type ComponentType } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { isApiError } from './api/client.js';
import { queryKeys } from './api/keys.js';
import { ErrorBoundary } from './shell/ErrorBoundary.js';
import { PageLoading } from './shell/PageLoading.js';

const loadAntdScope = () => import('./shell/AntdScope.js');

/**
 * A route page built with antd: its chunk and antd's ConfigProvider (zh-CN locale + theme) load
 * together, in parallel. Pages without antd (login, shell, 我的孩子, 学生详情) skip both.
 */
function antdPage(load: () => Promise<{ default: ComponentType }>) {
  return lazy(async () => {
    const [page, scope] = await Promise.all([load(), loadAntdScope()]);
    const Page = page.default;
    const Scope = scope.default;
    return {
      default: function AntdPage() {
        return (
          <Scope>
            <Page />
          </Scope>
        );
      },
    };
  });
}

// Every page is its own chunk: a guardian on a phone downloads the login page and 我的孩子, nothing else.
const LoginPage = lazy(() => import('./pages/LoginPage.js'));
const AppShell = lazy(() => import('./shell/AppShell.js'));
const HomePage = lazy(() => import('./pages/HomePage.js'));
const ChildrenPage = lazy(() => import('./pages/ChildrenPage.js'));
const StudentDetailPage = lazy(() => import('./pages/StudentDetailPage.js'));
const ClassesPage = lazy(() => import('./pages/ClassesPage.js'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.js'));
const StudentSearchPage = antdPage(() => import('./pages/StudentSearchPage.js'));
const RosterPage = antdPage(() => import('./pages/RosterPage.js'));
const OrgPage = antdPage(() => import('./pages/OrgPage.js'));
const AuditPage = antdPage(() => import('./pages/AuditPage.js'));
const UsersPage = antdPage(() => import('./pages/UsersPage.js'));
const AccountPage = antdPage(() => import('./pages/AccountPage.js'));
const AssistantPage = lazy(() => import('./pages/AssistantPage.js'));
const ScenariosPage = lazy(() => import('./pages/ScenariosPage.js'));
const ScenarioDetailPage = lazy(() => import('./pages/ScenarioDetailPage.js'));
const ScenarioProgressPage = lazy(() => import('./pages/ScenarioProgressPage.js'));
const ScenarioSessionPage = lazy(() => import('./pages/ScenarioSessionPage.js'));
const CrisisCasesPage = antdPage(() => import('./pages/CrisisCasesPage.js'));
const KbListPage = antdPage(() => import('./pages/KbListPage.js'));
const KbEditPage = antdPage(() => import('./pages/KbEditPage.js'));
const MapPage = lazy(() => import('./pages/MapPage.js'));
const ResourcePage = lazy(() => import('./pages/ResourcePage.js'));
const MyBookingsPage = lazy(() => import('./pages/MyBookingsPage.js'));
const VenueTodayPage = antdPage(() => import('./pages/VenueTodayPage.js'));
const VenueResourcesPage = antdPage(() => import('./pages/VenueResourcesPage.js'));
const TaxonomyPage = antdPage(() => import('./pages/TaxonomyPage.js'));
const DirectoryAdminPage = antdPage(() => import('./pages/DirectoryAdminPage.js'));

/** A 401 on any read means the session ended: forget `me`, and the shell sends the user to 登录. */
function onUnauthenticated(error: unknown, client: QueryClient) {
  if (isApiError(error) && error.status === 401) client.setQueryData(queryKeys.me, null);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error) => onUnauthenticated(error, queryClient) }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      if (mutation.meta?.['signedOutOn401'] !== false) onUnauthenticated(error, queryClient);
    },
  }),
  defaultOptions: {
    queries: {
      // Client errors (401/403/404/400) will not change on retry; network and 5xx get two more tries.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <ErrorBoundary>
          <Suspense fallback={<PageLoading fullScreen />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<AppShell />}>
                <Route index element={<HomePage />} />
                <Route path="children" element={<ChildrenPage />} />
                <Route path="students" element={<StudentSearchPage />} />
                <Route path="students/:studentId" element={<StudentDetailPage />} />
                <Route path="classes" element={<ClassesPage />} />
                <Route path="classes/:classId" element={<RosterPage />} />
                <Route path="org" element={<OrgPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="users" element={<UsersPage />} />
                <Route path="account" element={<AccountPage />} />
                <Route path="assistant" element={<AssistantPage />} />
                <Route path="scenarios" element={<ScenariosPage />} />
                <Route path="scenarios/progress" element={<ScenarioProgressPage />} />
                <Route path="scenarios/:slug" element={<ScenarioDetailPage />} />
                <Route path="scenario-sessions/:sessionId" element={<ScenarioSessionPage />} />
                <Route path="crisis-cases" element={<CrisisCasesPage />} />
                <Route path="kb" element={<KbListPage />} />
                <Route path="kb/:slug" element={<KbEditPage />} />
                <Route path="map" element={<MapPage />} />
                <Route path="resources/:resourceId" element={<ResourcePage />} />
                <Route path="bookings" element={<MyBookingsPage />} />
                <Route path="venue" element={<VenueTodayPage />} />
                <Route path="venue/resources" element={<VenueResourcesPage />} />
                <Route path="taxonomy" element={<TaxonomyPage />} />
                <Route path="directory" element={<DirectoryAdminPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </ErrorBoundary>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
