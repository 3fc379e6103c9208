import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { DevopsClient, devopsApiRef } from './api';
import { isDevopsAvailable } from './isDevopsAvailable';

const devopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: devopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DevopsClient({ discoveryApi, fetchApi }),
    }),
});

const devopsEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/devops',
    title: 'DevOps',
    filter: isDevopsAvailable,
    loader: () =>
      import('./components/EntityDevopsContent').then(m => (
        <m.EntityDevopsContent />
      )),
  },
});

const deploymentsCard = EntityCardBlueprint.make({
  name: 'deployments',
  params: {
    filter: isDevopsAvailable,
    loader: () =>
      import('./components/EnvironmentsCard').then(m => <m.EnvironmentsCard />),
  },
});

const healthCard = EntityCardBlueprint.make({
  name: 'health',
  disabled: true,
  params: {
    filter: isDevopsAvailable,
    loader: () => import('./components/HealthCard').then(m => <m.HealthCard />),
  },
});

const alertsCard = EntityCardBlueprint.make({
  name: 'alerts',
  disabled: true,
  params: {
    filter: isDevopsAvailable,
    loader: () => import('./components/AlertsCard').then(m => <m.AlertsCard />),
  },
});

const migrationsCard = EntityCardBlueprint.make({
  name: 'migrations',
  disabled: true,
  params: {
    filter: isDevopsAvailable,
    loader: () =>
      import('./components/MigrationsCard').then(m => <m.MigrationsCard />),
  },
});

const readinessCard = EntityCardBlueprint.make({
  name: 'readiness',
  params: {
    filter: isDevopsAvailable,
    loader: () =>
      import('./components/ReadinessCard').then(m => <m.ReadinessCard />),
  },
});

/**
 * The DevOps plugin for apps on Backstage's new frontend system. The
 * deployments and readiness cards are on the Overview tab by default; enable the health,
 * alerts and migrations cards in app-config
 * (`app.extensions: [entity-card:devops/health]`).
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'devops',
  title: 'DevOps',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    devopsApi,
    devopsEntityContent,
    deploymentsCard,
    healthCard,
    alertsCard,
    migrationsCard,
    readinessCard,
  ],
});
