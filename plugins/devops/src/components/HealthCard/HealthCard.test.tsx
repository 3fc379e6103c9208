import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { EntityHealth } from '@backstage-devops/plugin-devops-common';
import { screen, within } from '@testing-library/react';
import { DevopsApi, devopsApiRef } from '../../api';
import { HealthCard } from './HealthCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const minutesAgo = (m: number) =>
  new Date(Date.now() - m * 60_000).toISOString();

const health = (status: 'up' | 'down'): EntityHealth => ({
  entityRef: 'component:default/payments-api',
  since: minutesAgo(1440),
  environments: [
    {
      environment: 'production',
      url: 'https://payments.example.com/healthz',
      status,
      last: {
        status,
        httpStatus: status === 'up' ? 200 : 503,
        latencyMs: 80,
        checkedAt: minutesAgo(1),
      },
      lastFailure: {
        status: 'down',
        httpStatus: 503,
        errorClass: 'unexpected_status',
        error: 'Answered HTTP 503',
        checkedAt: minutesAgo(120),
      },
      uptimePercent: 99.31,
      checks: 144,
      latency: { p50Ms: 75, p95Ms: 130 },
      history: [
        { at: minutesAgo(30), status: 'up', latencyMs: 70 },
        { at: minutesAgo(20), status: 'down', latencyMs: 12 },
        { at: minutesAgo(10), status: 'up', latencyMs: 90 },
      ],
    },
  ],
});

function renderCard(api: Partial<DevopsApi>, refreshMs?: number) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <HealthCard refreshMs={refreshMs} />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('HealthCard', () => {
  it('shows state, uptime, latency and the last error per environment', async () => {
    await renderCard({ getHealth: async () => health('up') });

    const production = within(
      await screen.findByRole('region', { name: 'Health of production' }),
    );
    expect(production.getByText('Up')).toBeInTheDocument();
    expect(production.getByText('99.31% uptime')).toBeInTheDocument();
    expect(production.getByText('p50 75 ms · p95 130 ms')).toBeInTheDocument();
    expect(
      production.getByText(
        /Last failure 2 hours ago: unexpected status \(Answered HTTP 503\)/,
      ),
    ).toBeInTheDocument();
    expect(
      production.getByRole('img', { name: 'Uptime over the window' }).children,
    ).toHaveLength(3);
    expect(
      production.getByRole('img', {
        name: /Latency over the window, up to 90 ms/,
      }),
    ).toBeInTheDocument();
  });

  it('refreshes on its own', async () => {
    // The backend's answer changes only once the first one has been seen,
    // so the test does not race the refresh interval.
    let status: 'up' | 'down' = 'up';
    await renderCard({ getHealth: async () => health(status) }, 50);

    expect(await screen.findByText('Up')).toBeInTheDocument();
    status = 'down';

    expect(await screen.findByText('Down')).toBeInTheDocument();
  });

  it('explains how to declare health URLs when there are none', async () => {
    await renderCard({
      getHealth: async () => ({ ...health('up'), environments: [] }),
    });

    expect(await screen.findByText(/devops\/health-url/)).toBeInTheDocument();
  });
});
