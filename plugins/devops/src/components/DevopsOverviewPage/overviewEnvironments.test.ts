import type { OverviewEntry } from '@backstage-devops/plugin-devops-common';
import { overviewEnvironments } from './overviewEnvironments';

const entry = (name: string, environments: string[]): OverviewEntry => ({
  entityRef: `component:default/${name}`,
  kind: 'Component',
  namespace: 'default',
  name,
  environments: environments.map(environment => ({ environment })),
  firingAlerts: { P0: 0, P1: 0, P2: 0, P3: 0 },
  readiness: { passed: 0, failed: 0, unknown: 0 },
  dora: {
    environment: 'production',
    days: 30,
    deploymentsPerDay: 0,
    bands: {},
  },
});

describe('overviewEnvironments', () => {
  it('keeps the configured promotion order and appends environments only some entities use', () => {
    expect(
      overviewEnvironments(
        ['development', 'staging', 'production'],
        [
          entry('ledger-worker', ['qa', 'staging', 'production']),
          entry('payments-api', ['staging', 'production', 'sandbox']),
          entry('other', ['qa']),
        ],
      ),
    ).toEqual(['development', 'staging', 'production', 'qa', 'sandbox']);
  });
});
