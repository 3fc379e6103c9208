import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAlertsAction } from './actions/alerts';
import { createCatalogInfoAction } from './actions/catalogInfo';
import { createDockerfileAction } from './actions/dockerfile';
import { createEnvironmentAction } from './actions/environment';
import { createMigrationsAction } from './actions/migrations';
import { createPipelineAction } from './actions/pipeline';

/**
 * Registers the DevOps scaffolder actions with the scaffolder backend.
 *
 * @public
 */
export const scaffolderModuleDevops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'devops',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createCatalogInfoAction(),
          createDockerfileAction(),
          createAlertsAction({ config }),
          createEnvironmentAction(),
          createMigrationsAction(),
          createPipelineAction(),
        );
      },
    });
  },
});
