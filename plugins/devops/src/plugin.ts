import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DevopsClient, devopsApiRef } from './api';
import { rootRouteRef } from './routes';

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
