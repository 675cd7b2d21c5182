import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import type { Role } from '@keqing/shared';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RootLayout } from './RootLayout.tsx';
import { RouteErrorPage } from './RouteErrorPage.tsx';

// Everything behind the sign-in is split into its own chunks, so /login loads only React, the router and a few antd parts.
const loadSignedInRoot = () => import('./SignedInRoot.tsx');
const loadShellLayout = () => import('./ShellLayout.tsx');
const loadHomePage = () => import('../features/home/HomePage.tsx');
const SignedInRoot = lazy(loadSignedInRoot);
const ShellLayout = lazy(loadShellLayout);
const ChangePasswordPage = lazy(() => import('../features/auth/ChangePasswordPage.tsx'));
const HomePage = lazy(loadHomePage);

/**
 * The home's three nested chunks (signed-in root → shell → home page) all at once: left to React.lazy, each is
 * asked for only when the one before has rendered, three round trips in a row before the home can draw.
 */
export function preloadHome() {
  void Promise.all([loadSignedInRoot(), loadShellLayout(), loadHomePage()]).catch(() => {
    // a failed chunk fails again, and is shown, when the route renders it
  });
}
const UsersPage = lazy(() => import('../features/admin/users/UsersPage.tsx'));
const TeamMembersPage = lazy(() => import('../features/admin/users/TeamMembersPage.tsx'));
const TeamsPage = lazy(() => import('../features/admin/teams/TeamsPage.tsx'));
const OrgPage = lazy(() => import('../features/admin/org/OrgPage.tsx'));
const TerritoriesPage = lazy(() => import('../features/admin/territories/TerritoriesPage.tsx'));
const TerritoryDetailPage = lazy(() => import('../features/admin/territories/TerritoryDetailPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));
const HospitalsPage = lazy(() => import('../features/accounts/hospitals/HospitalsPage.tsx'));
const HospitalPage = lazy(() => import('../features/accounts/hospitals/HospitalPage.tsx'));
const DoctorsPage = lazy(() => import('../features/accounts/doctors/DoctorsPage.tsx'));
const DoctorPage = lazy(() => import('../features/accounts/doctor/DoctorPage.tsx'));
const KeyContactsPage = lazy(() => import('../features/accounts/contacts/KeyContactsPage.tsx'));
const ProductsPage = lazy(() => import('../features/accounts/products/ProductsPage.tsx'));
const KeyAccountsPage = lazy(() => import('../features/segmentation/KeyAccountsPage.tsx'));
const SegmentationConfigPage = lazy(
  () => import('../features/segmentation/config/SegmentationConfigPage.tsx'),
);
const ImportsLayout = lazy(() => import('../features/imports/ImportsLayout.tsx'));
const ImportPage = lazy(() => import('../features/imports/ImportPage.tsx'));
const DuplicatesPage = lazy(() => import('../features/imports/DuplicatesPage.tsx'));
const PlanPage = lazy(() => import('../features/planning/PlanPage.tsx'));
const PlanningSettingsPage = lazy(() => import('../features/planning/PlanningSettingsPage.tsx'));
const CallsPage = lazy(() => import('../features/calls/CallsPage.tsx'));
const CallPage = lazy(() => import('../features/calls/CallPage.tsx'));
const CoVisitsPage = lazy(() => import('../features/calls/CoVisitsPage.tsx'));
const CoVisitPage = lazy(() => import('../features/calls/CoVisitPage.tsx'));
const FrequencyPage = lazy(() => import('../features/calls/FrequencyPage.tsx'));
const CarePage = lazy(() => import('../features/care/CarePage.tsx'));
const CareCompliancePage = lazy(() => import('../features/care/CareCompliancePage.tsx'));
const ComplaintsPage = lazy(() => import('../features/complaints/ComplaintsPage.tsx'));
const ChannelCustomersPage = lazy(() => import('../features/channel/parties/ChannelCustomersPage.tsx'));
const ChannelCustomerPage = lazy(() => import('../features/channel/parties/ChannelCustomerPage.tsx'));
const ChannelProductsPage = lazy(() => import('../features/channel/parties/ChannelProductsPage.tsx'));
const FlowImportsPage = lazy(() => import('../features/channel/goods/FlowImportsPage.tsx'));
const FlowImportPage = lazy(() => import('../features/channel/goods/FlowImportPage.tsx'));
const ReceivablesPage = lazy(() => import('../features/channel/money/ReceivablesPage.tsx'));
const PromotionsPage = lazy(() => import('../features/channel/money/PromotionsPage.tsx'));
const WarningsBoardPage = lazy(() => import('../features/channel/warnings/WarningsBoardPage.tsx'));
const SurveysPage = lazy(() => import('../features/care/surveys/SurveysPage.tsx'));
const SurveyAnswerPage = lazy(() => import('../features/care/surveys/SurveyAnswerPage.tsx'));
const EventsPage = lazy(() => import('../features/care/events/EventsPage.tsx'));
const EventPage = lazy(() => import('../features/care/events/EventPage.tsx'));
const EventSignInPage = lazy(() => import('../features/care/events/EventSignInPage.tsx'));
const CareFeesPage = lazy(() => import('../features/care-fees/CareFeesPage.tsx'));
const TeamDashboardPage = lazy(() => import('../features/analytics/TeamDashboardPage.tsx'));
const OrgDashboardPage = lazy(() => import('../features/analytics/OrgDashboardPage.tsx'));
const DrillPage = lazy(() => import('../features/analytics/DrillPage.tsx'));
const TargetsPage = lazy(() => import('../features/targets/TargetsPage.tsx'));
const ForecastPage = lazy(() => import('../features/targets/ForecastPage.tsx'));
const TasksPage = lazy(() => import('../features/time/TasksPage.tsx'));
const TimeReviewPage = lazy(() => import('../features/time/TimeReviewPage.tsx'));
const PipelineBoardPage = lazy(() => import('../features/pipeline/PipelineBoardPage.tsx'));
const PipelineDetailPage = lazy(() => import('../features/pipeline/PipelineDetailPage.tsx'));
const ProspectsPage = lazy(() => import('../features/prospects/ProspectsPage.tsx'));
const ProspectDetailPage = lazy(() => import('../features/prospects/ProspectDetailPage.tsx'));
const CompetitorsPage = lazy(() => import('../features/competitors/CompetitorsPage.tsx'));
const DailyReportsPage = lazy(() => import('../features/reports/DailyReportsPage.tsx'));
const DailyReportPage = lazy(() => import('../features/reports/DailyReportPage.tsx'));
const WeeklyReportPage = lazy(() => import('../features/reports/WeeklyReportPage.tsx'));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage.tsx'));
const NotificationSettingsPage = lazy(() => import('../features/notifications/NotificationSettingsPage.tsx'));
const NotificationChannelsPage = lazy(() => import('../features/notifications/NotificationChannelsPage.tsx'));
const HandoversPage = lazy(() => import('../features/handover/HandoversPage.tsx'));
const HandoverWizardPage = lazy(() => import('../features/handover/HandoverWizardPage.tsx'));
const NotFoundPage = lazy(() => import('./NotFoundPage.tsx'));

/** Which roles may open a route; the shell shows 无权访问 to everyone else. */
export type RouteHandle = { roles?: readonly Role[] };

const adminPages: RouteHandle = { roles: ['admin', 'compliance'] };
const territoryViewers: RouteHandle = { roles: ['manager', 'admin', 'compliance'] };
/** Excel import writes data: everyone but the read-only auditor (kinds per role on the page). */
const importers: RouteHandle = { roles: ['rep', 'manager', 'admin'] };

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      // Public pages opened from a one-time link or a QR code, without signing in
      { path: '/s/:token', element: <SurveyAnswerPage /> },
      { path: '/e/:token', element: <EventSignInPage /> },
      {
        element: <SignedInRoot />,
        children: [
          { path: '/change-password', element: <ChangePasswordPage /> },
          {
            path: '/',
            element: <ShellLayout />,
            children: [
              { index: true, element: <HomePage /> },
              {
                path: 'team',
                element: <TeamMembersPage />,
                handle: { roles: ['manager'] } satisfies RouteHandle,
              },
              { path: 'territories', element: <TerritoriesPage />, handle: territoryViewers },
              { path: 'territories/:id', element: <TerritoryDetailPage />, handle: territoryViewers },
              { path: 'admin/users', element: <UsersPage />, handle: adminPages },
              { path: 'admin/teams', element: <TeamsPage />, handle: adminPages },
              { path: 'admin/org', element: <OrgPage />, handle: adminPages },
              { path: 'admin/territories', element: <TerritoriesPage />, handle: adminPages },
              { path: 'admin/territories/:id', element: <TerritoryDetailPage />, handle: adminPages },
              { path: 'audit', element: <AuditPage />, handle: adminPages },
              { path: 'hospitals', element: <HospitalsPage /> },
              { path: 'hospitals/:id', element: <HospitalPage /> },
              { path: 'doctors', element: <DoctorsPage /> },
              { path: 'doctors/:id', element: <DoctorPage /> },
              { path: 'key-contacts', element: <KeyContactsPage /> },
              { path: 'products', element: <ProductsPage /> },
              { path: 'key-accounts', element: <KeyAccountsPage /> },
              {
                path: 'imports',
                element: <ImportsLayout />,
                handle: importers,
                children: [
                  { index: true, element: <ImportPage /> },
                  { path: 'duplicates', element: <DuplicatesPage /> },
                ],
              },
              {
                path: 'admin/segmentation',
                element: <SegmentationConfigPage />,
                handle: { roles: ['admin'] } satisfies RouteHandle,
              },
              {
                path: 'plan',
                element: <PlanPage />,
                handle: { roles: ['rep', 'manager', 'admin', 'compliance'] } satisfies RouteHandle,
              },
              { path: 'admin/planning', element: <PlanningSettingsPage />, handle: adminPages },
              { path: 'calls', element: <CallsPage /> },
              {
                path: 'calls/new',
                element: <CallPage />,
                // the server lets managers log their own calls too (calls.role.cannotLog)
                handle: { roles: ['rep', 'manager'] } satisfies RouteHandle,
              },
              { path: 'calls/:id', element: <CallPage /> },
              { path: 'co-visits', element: <CoVisitsPage /> },
              {
                path: 'co-visits/new',
                element: <CoVisitPage />,
                handle: { roles: ['manager'] } satisfies RouteHandle,
              },
              { path: 'co-visits/:id', element: <CoVisitPage /> },
              { path: 'frequency', element: <FrequencyPage /> },
              { path: 'care', element: <CarePage /> },
              {
                path: 'care/compliance',
                element: <CareCompliancePage />,
                handle: { roles: ['manager', 'admin', 'compliance'] } satisfies RouteHandle,
              },
              { path: 'complaints', element: <ComplaintsPage /> },
              { path: 'care/surveys', element: <SurveysPage /> },
              { path: 'care/events', element: <EventsPage /> },
              { path: 'care/events/:id', element: <EventPage /> },
              { path: 'channel/customers', element: <ChannelCustomersPage /> },
              { path: 'channel/customers/:id', element: <ChannelCustomerPage /> },
              { path: 'channel/products', element: <ChannelProductsPage /> },
              { path: 'channel/flow', element: <FlowImportsPage />, handle: importers },
              { path: 'channel/flow/:id', element: <FlowImportPage />, handle: importers },
              { path: 'channel/receivables', element: <ReceivablesPage /> },
              { path: 'channel/promotions', element: <PromotionsPage /> },
              { path: 'channel/warnings', element: <WarningsBoardPage /> },
              { path: 'care-fees', element: <CareFeesPage /> },
              {
                path: 'dashboards/team',
                element: <TeamDashboardPage />,
                handle: { roles: ['manager', 'admin', 'compliance'] } satisfies RouteHandle,
              },
              {
                path: 'dashboards/org',
                element: <OrgDashboardPage />,
                handle: { roles: ['admin', 'compliance'] } satisfies RouteHandle,
              },
              { path: 'dashboards/drill', element: <DrillPage /> },
              {
                path: 'targets',
                element: <TargetsPage />,
                handle: { roles: ['rep', 'manager', 'admin'] } satisfies RouteHandle,
              },
              {
                path: 'targets/forecast',
                element: <ForecastPage />,
                handle: { roles: ['rep'] } satisfies RouteHandle,
              },
              {
                path: 'tasks',
                element: <TasksPage />,
                handle: { roles: ['rep', 'manager'] } satisfies RouteHandle,
              },
              {
                path: 'tasks/review',
                element: <TimeReviewPage />,
                handle: { roles: ['rep', 'manager'] } satisfies RouteHandle,
              },
              { path: 'pipeline', element: <PipelineBoardPage /> },
              { path: 'pipeline/:id', element: <PipelineDetailPage /> },
              {
                path: 'channel/prospects',
                element: <ProspectsPage />,
                handle: { roles: ['rep', 'manager', 'admin', 'compliance'] } satisfies RouteHandle,
              },
              {
                path: 'channel/prospects/:id',
                element: <ProspectDetailPage />,
                handle: { roles: ['rep', 'manager', 'admin', 'compliance'] } satisfies RouteHandle,
              },
              { path: 'competitors', element: <CompetitorsPage /> },
              {
                path: 'reports',
                element: <DailyReportsPage />,
                handle: { roles: ['rep', 'manager', 'admin', 'compliance'] } satisfies RouteHandle,
              },
              {
                path: 'reports/daily/:id',
                element: <DailyReportPage />,
                handle: { roles: ['rep', 'manager', 'admin', 'compliance'] } satisfies RouteHandle,
              },
              {
                path: 'reports/weekly',
                element: <WeeklyReportPage />,
                handle: { roles: ['rep', 'manager', 'admin', 'compliance'] } satisfies RouteHandle,
              },
              { path: 'notifications', element: <NotificationsPage /> },
              { path: 'notifications/settings', element: <NotificationSettingsPage /> },
              {
                path: 'admin/notifications',
                element: <NotificationChannelsPage />,
                handle: { roles: ['admin'] } satisfies RouteHandle,
              },
              { path: 'admin/handovers', element: <HandoversPage />, handle: adminPages },
              { path: 'admin/handovers/:id', element: <HandoverWizardPage />, handle: adminPages },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
