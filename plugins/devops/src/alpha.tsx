import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { DevopsClient, devopsApiRef } from './api';
import { isDevopsAvailable } from './isDevopsAvailable';
import { overviewRouteRef } from './routes';
import DevopsIcon from '@material-ui/icons/Timeline';

const overviewRoute = convertLegacyRouteRef(overviewRouteRef);

const devopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: devopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DevopsClient({ discoveryApi, fetchApi }),
    }),
});

// A page with a route ref, title and icon is what the app's sidebar lists,
// so this also gives the overview its nav item.
const devopsOverviewPage = PageBlueprint.make({
  params: {
    path: '/devops',
    routeRef: overviewRoute,
    title: 'DevOps overview',
    icon: <DevopsIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('./components/DevopsOverviewPage').then(m => (
        <m.DevopsOverviewPage />
      )),
  },
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

// The environments card. Its id stays `entity-card:devops/deployments`, the
// name it was published under, so apps that configure it keep working.
const environmentsCard = EntityCardBlueprint.make({
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
      import('./components/ReadinessCard').then(m => (
        <m.CompactReadinessCard />
      )),
  },
});

/**
 * The DevOps plugin for apps on Backstage's new frontend system. The
 * environments and readiness cards are on the Overview tab by default; enable the health,
 * alerts and migrations cards in app-config
 * (`app.extensions: [entity-card:devops/health]`). The overview page across
 * services is at `/devops` and in the sidebar.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'devops',
  title: 'DevOps',
  info: { packageJson: () => import('../package.json') },
  routes: { overview: overviewRoute },
  extensions: [
    devopsApi,
    devopsOverviewPage,
    devopsEntityContent,
    environmentsCard,
    healthCard,
    alertsCard,
    migrationsCard,
    readinessCard,
  ],
});
