import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { DevopsApi, devopsApiRef } from '../../api';
import { EntityDevopsContent } from './EntityDevopsContent';

const entity = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default', annotations },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
});

const api = (environments: string[]): Partial<DevopsApi> => ({
  getEnvironments: async () => ({ environments }),
  getSummary: async () => ({
    entityRef: 'component:default/payments-api',
    firingAlerts: { P0: 0, P1: 0, P2: 0, P3: 0 },
    environments: environments.map(environment => ({
      environment,
      migrations: { pending: 0, failed: 0 },
    })),
  }),
  listDeployments: async () => ({ items: [] }),
  getHealth: async () => ({
    entityRef: 'component:default/payments-api',
    since: new Date().toISOString(),
    environments: [],
  }),
  getAlerts: async () => ({
    entityRef: 'component:default/payments-api',
    alerts: [],
    firing: { P0: 0, P1: 0, P2: 0, P3: 0 },
    source: { syncEnabled: false, stale: false },
  }),
  getMigrations: async () => ({ environments: [], drift: [] }),
  getDora: async () => ({
    entityRef: 'component:default/payments-api',
    environment: 'live',
    days: 30,
    from: new Date().toISOString(),
    to: new Date().toISOString(),
    deploymentFrequency: { deployments: 0, perDay: 0, perWeek: 0 },
    leadTime: { count: 0 },
    changeFailureRate: { failed: 0, total: 0 },
    timeToRestore: { count: 0, unrestored: 0 },
  }),
  getReadiness: async () => ({
    entityRef: 'component:default/payments-api',
    score: 100,
    passed: 1,
    failed: 0,
    unknown: 0,
    evaluatedAt: new Date().toISOString(),
    checks: [
      {
        id: 'has-owner',
        title: 'Has an owner',
        description: 'The entity names its owning team.',
        status: 'pass',
        fact: 'Owned by group:default/payments',
      },
    ],
  }),
});

function renderContent(a: Partial<DevopsApi>, e: Entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsApiRef, a]]}>
      <EntityProvider entity={e}>
        <EntityDevopsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

// The whole tab renders every card; on a busy two-core machine the first
// render alone can take longer than Jest's default five seconds.
jest.setTimeout(30_000);

describe('EntityDevopsContent', () => {
  it("offers the entity's own environments as history filters", async () => {
    await renderContent(
      api(['production']),
      entity({ 'devops/environments': 'qa,live' }),
    );

    const filters = within(
      await screen.findByRole('group', { name: 'Filters' }),
    );
    fireEvent.mouseDown(
      filters.getByRole('button', { name: 'Environment All environments' }),
    );
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'All environments',
      'qa',
      'live',
    ]);
    expect(
      await screen.findByText('No deployments reported yet'),
    ).toBeInTheDocument();
  });

  it('shows the production readiness checks on the tab', async () => {
    await renderContent(api(['production']), entity());

    expect(
      await screen.findByRole('listitem', { name: 'Has an owner: pass' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Owned by group:default/payments'),
    ).toBeInTheDocument();
  });

  it('shows the backend error to the reader', async () => {
    await renderContent(
      {
        getEnvironments: async () => {
          throw new Error('devops backend unreachable');
        },
      },
      entity(),
    );

    expect(
      (await screen.findAllByText(/devops backend unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Deployment history')).not.toBeInTheDocument();
  });
});
