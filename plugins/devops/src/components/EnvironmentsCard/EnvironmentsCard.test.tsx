import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { EntitySummary } from '@backstage-devops/plugin-devops-common';
import { screen, within } from '@testing-library/react';
import { DevopsApi, devopsApiRef } from '../../api';
import { EnvironmentsCard } from './EnvironmentsCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const hoursAgo = (h: number) =>
  new Date(Date.now() - h * 3600_000).toISOString();

const summary: EntitySummary = {
  entityRef: 'component:default/payments-api',
  firingAlerts: { P0: 0, P1: 0, P2: 0, P3: 0 },
  environments: [
    {
      environment: 'development',
      runningVersion: '2.5.0',
      latestDeployment: {
        id: '3',
        version: '2.5.0',
        status: 'succeeded',
        at: hoursAgo(1),
        actor: 'ada',
        strategy: 'rolling',
      },
      lastDeployedAt: hoursAgo(1),
      migrations: { pending: 0, failed: 0 },
    },
    {
      environment: 'staging',
      runningVersion: '2.4.1',
      latestDeployment: {
        id: '2',
        version: '2.4.1',
        status: 'succeeded',
        at: hoursAgo(5),
        actor: 'grace',
      },
      lastDeployedAt: hoursAgo(5),
      migrations: { pending: 0, failed: 1 },
    },
    {
      environment: 'production',
      runningVersion: '2.4.0',
      latestDeployment: {
        id: '1',
        version: '2.4.1',
        status: 'rolled_back',
        at: hoursAgo(3),
        actor: 'ci-bot',
        strategy: 'blue-green',
      },
      lastDeployedAt: hoursAgo(3),
      migrations: { pending: 2, failed: 0 },
    },
  ],
};

function renderCard(api: Partial<DevopsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EnvironmentsCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EnvironmentsCard', () => {
  it('shows each environment in promotion order with what runs there', async () => {
    await renderCard({ getSummary: async () => summary });

    const columns = await screen.findAllByRole('region', {
      name: /^Environment /,
    });
    expect(columns.map(c => c.getAttribute('aria-label'))).toEqual([
      'Environment development',
      'Environment staging',
      'Environment production',
    ]);
    const dev = within(columns[0]);
    expect(dev.getByText('2.5.0')).toBeInTheDocument();
    expect(
      dev.getByText(/2\.5\.0 deployed 1 hour ago by ada/),
    ).toBeInTheDocument();
    expect(dev.getByText('rolling')).toBeInTheDocument();
  });

  it('marks a version waiting to be promoted and a rollback', async () => {
    await renderCard({ getSummary: async () => summary });

    const staging = within(
      await screen.findByRole('region', { name: 'Environment staging' }),
    );
    expect(staging.getByText('2.5.0 waits to be promoted')).toBeInTheDocument();
    expect(
      staging.getByText('Migrations: 0 pending, 1 failed'),
    ).toBeInTheDocument();

    const production = within(
      screen.getByRole('region', { name: 'Environment production' }),
    );
    expect(production.getByText('Rolled back')).toBeInTheDocument();
    expect(
      production.getByText('2.4.1 was rolled back; 2.4.0 is running'),
    ).toBeInTheDocument();
    // Production's last deployment came after staging's: nothing waits there.
    expect(
      production.queryByText(/waits to be promoted/),
    ).not.toBeInTheDocument();
  });

  it('says how to start when nothing was reported', async () => {
    await renderCard({
      getSummary: async () => ({
        ...summary,
        environments: summary.environments.map(e => ({
          environment: e.environment,
          migrations: { pending: 0, failed: 0 },
        })),
      }),
    });

    expect(
      await screen.findByText('No deployments reported yet'),
    ).toBeInTheDocument();
  });

  it('shows a backend error', async () => {
    await renderCard({
      getSummary: async () => {
        throw new Error('summary unavailable');
      },
    });

    expect(
      (await screen.findAllByText(/summary unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});
