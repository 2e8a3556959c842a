import { Navigate, type RouteObject } from 'react-router';
import { AuditPage } from '../features/audit/audit-page';
import { LoginPage, RequireSession, SetupPage } from '../features/auth';
import { FleetPage } from '../features/fleet/fleet-page';
import { HostPage } from '../features/hosts/host-page';
import { ImagesPage } from '../features/images/images-page';
import { IsosPage } from '../features/isos/isos-page';
import { PoliciesPage } from '../features/policies/policies-page';
import { PolicyFormPage } from '../features/policies/policy-form-page';
import { RegistriesPage } from '../features/registries/registries-page';
import { RolloutDetailPage } from '../features/rollouts/rollout-detail-page';
import { RolloutWizard } from '../features/rollouts/rollout-wizard';
import { RolloutsPage } from '../features/rollouts/rollouts-page';
import { SettingsPage } from '../features/settings/settings-page';
import { WindowsPage } from '../features/windows/windows-page';
import { AppLayout } from './layout/app-layout';
import { HOME_PATH } from './navigation';
import { NotFoundPage } from './not-found-page';

/** All routes; main.tsx mounts them in a browser router, tests in a memory router. */
export const appRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/setup', element: <SetupPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to={HOME_PATH} replace /> },
      { path: 'fleet', element: <FleetPage /> },
      { path: 'hosts/:id', element: <HostPage /> },
      { path: 'rollouts', element: <RolloutsPage /> },
      { path: 'rollouts/new', element: <RolloutWizard /> },
      { path: 'rollouts/:id', element: <RolloutDetailPage /> },
      { path: 'policies', element: <PoliciesPage /> },
      { path: 'policies/new', element: <PolicyFormPage /> },
      { path: 'policies/:id', element: <PolicyFormPage /> },
      { path: 'images', element: <ImagesPage /> },
      { path: 'registries', element: <RegistriesPage /> },
      { path: 'windows', element: <WindowsPage /> },
      { path: 'isos', element: <IsosPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
