import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  ReadinessCheck,
  ReadinessData,
  devopsReadinessChecksExtensionPoint,
} from './readinessChecks';

describe('devopsReadinessChecksExtensionPoint', () => {
  it('hands checks added by a module to the plugin that owns the point', async () => {
    const received: ReadinessCheck[] = [];
    const owner = createBackendPlugin({
      pluginId: 'devops',
      register(env) {
        env.registerExtensionPoint(devopsReadinessChecksExtensionPoint, {
          addReadinessChecks: (...checks) => received.push(...checks),
        });
        env.registerInit({
          deps: { logger: coreServices.logger },
          async init() {},
        });
      },
    });
    const module = createBackendModule({
      pluginId: 'devops',
      moduleId: 'custom-checks',
      register(env) {
        env.registerInit({
          deps: { checks: devopsReadinessChecksExtensionPoint },
          async init({ checks }) {
            checks.addReadinessChecks({
              id: 'has-runbook',
              title: 'Runbook linked',
              description: 'The entity links a runbook',
              evaluate: async ({ entity }) =>
                entity.metadata.links?.some(l => l.type === 'runbook')
                  ? { status: 'pass', fact: 'runbook linked' }
                  : { status: 'fail', fact: 'no runbook link' },
            });
          },
        });
      },
    });

    await startTestBackend({ features: [owner, module] });

    expect(received.map(c => c.id)).toEqual(['has-runbook']);
    await expect(
      received[0].evaluate({
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'payments' },
        },
        entityRef: 'component:default/payments',
        environments: ['production'],
        productionEnvironment: 'production',
        thresholds: {
          changeFailureRate: 0.15,
          timeToRestoreHours: 24,
          windowDays: 30,
        },
        now: new Date(),
        data: {} as ReadinessData,
      }),
    ).resolves.toEqual({ status: 'fail', fact: 'no runbook link' });
  });
});
