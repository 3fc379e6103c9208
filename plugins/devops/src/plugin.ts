import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DevopsClient, devopsApiRef } from './api';
import { overviewRouteRef, rootRouteRef } from './routes';

/**
 * The DevOps frontend plugin for apps on Backstage's legacy frontend system.
 *
 * @public
 */
export const devopsPlugin = createPlugin({
  id: 'devops',
  apis: [
    createApiFactory({
      api: devopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DevopsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    overview: overviewRouteRef,
  },
});

/**
 * The DevOps tab of an entity page.
 *
 * @public
 */
export const EntityDevopsContent = devopsPlugin.provide(
  createRoutableExtension({
    name: 'EntityDevopsContent',
    component: () =>
      import('./components/EntityDevopsContent').then(
        m => m.EntityDevopsContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The platform team's page across services: versions, health and alerts per
 * environment, readiness and DORA bands, with filters, sorting and CSV
 * export. Mount it on a route of its own, e.g. `/devops`.
 *
 * @public
 */
export const DevopsOverviewPage = devopsPlugin.provide(
  createRoutableExtension({
    name: 'DevopsOverviewPage',
    component: () =>
      import('./components/DevopsOverviewPage').then(m => m.DevopsOverviewPage),
    mountPoint: overviewRouteRef,
  }),
);

/**
 * The entity's environments in promotion order, with the version running in
 * each and its latest deployment, for the entity Overview tab.
 *
 * @public
 */
export const EntityEnvironmentsCard = devopsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentsCard',
    component: {
      lazy: () =>
        import('./components/EnvironmentsCard').then(m => m.EnvironmentsCard),
    },
  }),
);

/**
 * The environments card under its former name.
 *
 * @public
 * @deprecated Use EntityEnvironmentsCard
 */
export const EntityDeploymentsCard = EntityEnvironmentsCard;

/**
 * Live health per environment, for the entity Overview tab. It reloads every
 * `refreshMs` milliseconds (30,000 when not given).
 *
 * @public
 */
export const EntityHealthCard = devopsPlugin.provide(
  createComponentExtension({
    name: 'EntityHealthCard',
    component: {
      lazy: () => import('./components/HealthCard').then(m => m.HealthCard),
    },
  }),
);

/**
 * Firing alerts by severity, for the entity Overview tab. It reloads every
 * `refreshMs` milliseconds (30,000 when not given).
 *
 * @public
 */
export const EntityAlertsCard = devopsPlugin.provide(
  createComponentExtension({
    name: 'EntityAlertsCard',
    component: {
      lazy: () => import('./components/AlertsCard').then(m => m.AlertsCard),
    },
  }),
);

/**
 * Database migrations per environment with drift, for the entity Overview tab.
 *
 * @public
 */
export const EntityMigrationsCard = devopsPlugin.provide(
  createComponentExtension({
    name: 'EntityMigrationsCard',
    component: {
      lazy: () =>
        import('./components/MigrationsCard').then(m => m.MigrationsCard),
    },
  }),
);

/**
 * Production-readiness checks with their facts and the score, for the entity
 * Overview tab.
 *
 * @public
 */
export const EntityReadinessCard = devopsPlugin.provide(
  createComponentExtension({
    name: 'EntityReadinessCard',
    component: {
      lazy: () =>
        import('./components/ReadinessCard').then(m => m.CompactReadinessCard),
    },
  }),
);
