import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
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

/**
 * The DevOps plugin for apps on Backstage's new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'devops',
  title: 'DevOps',
  info: { packageJson: () => import('../package.json') },
  extensions: [devopsApi, devopsEntityContent],
});
