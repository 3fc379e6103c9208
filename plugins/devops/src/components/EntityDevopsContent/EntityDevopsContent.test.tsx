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

  it('links only web addresses; anything else in the data is plain text', async () => {
    // Script URLs as a hostile pipeline or alert annotation would send them.
    // eslint-disable-next-line no-script-url
    const unsafe = ['javascript:alert(1)', '  JaVaScRiPt:alert(2)'];
    const deployment = (i: number, url: string) => ({
      id: String(i),
      entityRef: 'component:default/payments-api',
      environment: 'production',
      version: `1.0.${i}`,
      status: 'succeeded' as const,
      externalId: `run-${i}`,
      url,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    const base = api(['production']);
    await renderContent(
      {
        ...base,
        listDeployments: async () => ({
          items: [
            deployment(1, unsafe[0]),
            deployment(2, unsafe[1]),
            deployment(3, 'https://ci.example.com/runs/3'),
          ],
        }),
        getAlerts: async () => ({
          ...(await base.getAlerts!({} as any)),
          alerts: [
            {
              fingerprint: 'a1',
              status: 'firing',
              alertname: 'PaymentsDown',
              severity: 'P0',
              runbookUrl: ' JAVASCRIPT:alert(3)',
              labels: {},
              startsAt: new Date().toISOString(),
              updatedAt: new Date().toISOString(),
            },
          ],
        }),
      },
      entity(),
    );

    const history = await screen.findByRole('link', {
      name: /^Run 1\.0\.3 on production/,
    });
    expect(history).toHaveAttribute('href', 'https://ci.example.com/runs/3');
    expect(screen.getAllByRole('link', { name: /^Run / })).toHaveLength(1);
    expect(screen.getByText(unsafe[0])).toBeInTheDocument();
    expect(screen.getByText(unsafe[1].trim())).toBeInTheDocument();
    // eslint-disable-next-line no-script-url
    expect(await screen.findByText('JAVASCRIPT:alert(3)')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Runbook/ })).toBeNull();
    for (const link of screen.queryAllByRole('link')) {
      expect(link.getAttribute('href')?.trim()).not.toMatch(/^javascript:/i);
    }
  });

  it('shows a card that fails to render as an error in that card alone', async () => {
    // React reports the caught error on the console; the card shows it.
    jest.spyOn(console, 'error').mockImplementation(() => {});
    await renderContent(
      {
        ...api(['production']),
        // Health of a shape the card does not expect: it throws rendering.
        getHealth: async () => ({ environments: null } as any),
      },
      entity(),
    );

    expect(
      await screen.findByText('Error: Health could not be shown'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('listitem', { name: 'Has an owner: pass' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Deployment history')).toBeInTheDocument();
    expect(screen.getByText('Alerts')).toBeInTheDocument();
    expect(screen.getByText('DORA metrics')).toBeInTheDocument();
  });
});
