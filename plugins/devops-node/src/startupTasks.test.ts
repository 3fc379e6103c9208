import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  DevopsStartupTask,
  devopsStartupTasksExtensionPoint,
} from './startupTasks';

describe('devopsStartupTasksExtensionPoint', () => {
  it('hands tasks added by a module to the plugin that owns the point, before the plugin initialises', async () => {
    const received: DevopsStartupTask[] = [];
    let receivedAtInit = -1;
    const owner = createBackendPlugin({
      pluginId: 'devops',
      register(env) {
        env.registerExtensionPoint(devopsStartupTasksExtensionPoint, {
          addStartupTasks: (...tasks) => received.push(...tasks),
        });
        env.registerInit({
          deps: { logger: coreServices.logger },
          async init() {
            receivedAtInit = received.length;
          },
        });
      },
    });
    const module = createBackendModule({
      pluginId: 'devops',
      moduleId: 'seed',
      register(env) {
        env.registerInit({
          deps: { tasks: devopsStartupTasksExtensionPoint },
          async init({ tasks }) {
            tasks.addStartupTasks({ id: 'seed', run: async () => {} });
          },
        });
      },
    });

    await startTestBackend({ features: [owner, module] });

    expect(received.map(t => t.id)).toEqual(['seed']);
    expect(receivedAtInit).toBe(1);
  });
});
