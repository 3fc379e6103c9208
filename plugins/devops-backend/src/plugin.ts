import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DEFAULT_DEVOPS_ENVIRONMENTS } from '@backstage-devops/plugin-devops-common';
import {
  ReadinessCheck,
  devopsReadinessChecksExtensionPoint,
} from '@backstage-devops/plugin-devops-node';
import { createRouter } from './service/router';

/**
 * The DevOps backend plugin: keeps deployments, migrations, health and alerts
 * per catalog entity and serves them under `/api/devops`.
 *
 * @public
 */
export const devopsPlugin = createBackendPlugin({
  pluginId: 'devops',
  register(env) {
    const readinessChecks: ReadinessCheck[] = [];
    env.registerExtensionPoint(devopsReadinessChecksExtensionPoint, {
      addReadinessChecks(...checks) {
        readinessChecks.push(...checks);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, logger, httpRouter }) {
        const environments = config.getOptionalStringArray(
          'devops.environments',
        ) ?? [...DEFAULT_DEVOPS_ENVIRONMENTS];
        httpRouter.use(await createRouter({ logger, environments }));
      },
    });
  },
});
