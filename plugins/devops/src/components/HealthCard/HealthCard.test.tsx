import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { EntityHealth } from '@backstage-devops/plugin-devops-common';
import { screen, within } from '@testing-library/react';
import { DateTime } from 'luxon';
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
    // The uptime bar and the latency chart in words.
    const at = (m: number) =>
      DateTime.fromISO(minutesAgo(m)).toLocaleString(DateTime.TIME_24_SIMPLE);
    const uptime = production.getByRole('img', {
      name: `99.31% up, 1 failure in the last 24 h, last at ${at(20)}`,
    });
    expect(uptime.children).toHaveLength(3);
    expect(
      production.getByRole('img', {
        name: `Latency over the last 24 h, p50 75 ms, p95 130 ms, highest 90 ms at ${at(
          10,
        )}`,
      }),
    ).toBeInTheDocument();
  });

  it('keeps typical latency readable when one check spikes', async () => {
    const spiky = health('up');
    spiky.environments[0].history = [
      { at: minutesAgo(40), status: 'up', latencyMs: 70 },
      { at: minutesAgo(30), status: 'degraded', latencyMs: 2500 },
      { at: minutesAgo(20), status: 'up', latencyMs: 80 },
      { at: minutesAgo(10), status: 'up', latencyMs: 90 },
    ];
    await renderCard({ getHealth: async () => spiky });

    const production = within(
      await screen.findByRole('region', { name: 'Health of production' }),
    );
    const chart = production.getByRole('img', {
      name: /highest 2500 ms at .* \(above the chart’s scale\)$/,
    });
    // The scale stops at three times the p95 (130 ms), rounded up.
    expect(within(chart).getByText('500 ms')).toBeInTheDocument();
    expect(
      within(chart).getByText('▲ above 500 ms: up to 2500 ms'),
    ).toBeInTheDocument();
    expect(within(chart).getByText('p50 75 ms')).toBeInTheDocument();
    expect(within(chart).getByText('p95 130 ms')).toBeInTheDocument();
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
