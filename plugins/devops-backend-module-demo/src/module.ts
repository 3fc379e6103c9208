import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { devopsStartupTasksExtensionPoint } from '@backstage-devops/plugin-devops-node';
import { DemoDataSeeder } from './DemoDataSeeder';

/**
 * Fills the devops plugin's ledger with demo deployments, migrations, health
 * history and alerts for every catalog component without history of its
 * own. For local development and demos only.
 *
 * @public
 */
export const devopsModuleDemo = createBackendModule({
  pluginId: 'devops',
  moduleId: 'demo',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        startupTasks: devopsStartupTasksExtensionPoint,
      },
      async init({ config, logger, auth, scheduler, catalog, startupTasks }) {
        // Installed means on; the switch lets a shared config turn it off.
        if (config.getOptionalBoolean('devops.demoData.enabled') === false) {
          logger.info(
            'DevOps demo data is off: devops.demoData.enabled is false',
          );
          return;
        }
        // Loud on purpose: this writes made-up history into the real store.
        logger.warn(
          'DevOps demo data is on: catalog components without history get made-up history; for local development only',
        );
        startupTasks.addStartupTasks({
          id: 'demo-data',
          async run(devops) {
            await new DemoDataSeeder({
              logger,
              catalog,
              auth,
              devops,
            }).schedule(scheduler);
          },
        });
      },
    });
  },
});
