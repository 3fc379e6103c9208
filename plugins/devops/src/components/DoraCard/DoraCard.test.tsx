import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { DoraMetrics } from '@backstage-devops/plugin-devops-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DevopsApi, devopsApiRef } from '../../api';
import { DoraCard } from './DoraCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const metrics: DoraMetrics = {
  entityRef: 'component:default/payments-api',
  environment: 'production',
  days: 30,
  from: '2026-10-24T00:00:00Z',
  to: '2026-11-23T00:00:00Z',
  deploymentFrequency: { deployments: 12, perDay: 0.4, perWeek: 2.8 },
  leadTime: { count: 12, medianSeconds: 5 * 3600, p90Seconds: 30 * 3600 },
  changeFailureRate: { failed: 1, total: 13, rate: 1 / 13 },
  timeToRestore: { count: 1, medianSeconds: 40 * 60, unrestored: 0 },
};

describe('DoraCard', () => {
  it('shows each metric with its band and the counts behind it', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[devopsApiRef, { getDora: async () => metrics }]]}
      >
        <EntityProvider entity={entity}>
          <DoraCard environments={['staging', 'production']} />
        </EntityProvider>
      </TestApiProvider>,
    );

    const frequency = within(
      await screen.findByRole('region', { name: 'Deployment frequency' }),
    );
    expect(frequency.getByText('2.8 / week')).toBeInTheDocument();
    expect(frequency.getByText('high')).toBeInTheDocument();
    expect(
      frequency.getByText('12 successful deployments in 30 days'),
    ).toBeInTheDocument();
    const lead = within(
      screen.getByRole('region', { name: 'Lead time for changes' }),
    );
    expect(lead.getByText('5.0 hours')).toBeInTheDocument();
    expect(lead.getByText('elite')).toBeInTheDocument();
    const cfr = within(
      screen.getByRole('region', { name: 'Change failure rate' }),
    );
    expect(cfr.getByText('7.7%')).toBeInTheDocument();
    expect(cfr.getByText('1 failed or rolled back of 13')).toBeInTheDocument();
    const ttr = within(screen.getByRole('region', { name: 'Time to restore' }));
    expect(ttr.getByText('40 minutes')).toBeInTheDocument();
    expect(ttr.getByText('elite')).toBeInTheDocument();
    expect(ttr.getByText('median of 1 incident')).toBeInTheDocument();
  });

  it('says there were no incidents rather than a median of none', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            devopsApiRef,
            {
              getDora: async () => ({
                ...metrics,
                timeToRestore: { count: 0, unrestored: 0 },
              }),
            },
          ],
        ]}
      >
        <EntityProvider entity={entity}>
          <DoraCard environments={['staging', 'production']} />
        </EntityProvider>
      </TestApiProvider>,
    );

    const ttr = within(
      await screen.findByRole('region', { name: 'Time to restore' }),
    );
    expect(ttr.getByText('No incidents')).toBeInTheDocument();
    expect(ttr.getByText('no failure restored in 30 days')).toBeInTheDocument();
  });

  it('asks for another environment and window', async () => {
    const calls: Array<{ environment?: string; days?: number }> = [];
    const api: Partial<DevopsApi> = {
      getDora: async (_e, request = {}) => {
        calls.push(request);
        return metrics;
      },
    };
    await renderInTestApp(
      <TestApiProvider apis={[[devopsApiRef, api]]}>
        <EntityProvider entity={entity}>
          <DoraCard environments={['staging', 'production']} />
        </EntityProvider>
      </TestApiProvider>,
    );
    await screen.findByText('2.8 / week');

    const controls = within(screen.getByRole('group', { name: 'DORA window' }));
    fireEvent.mouseDown(controls.getByRole('button', { name: /Window/ }));
    fireEvent.click(await screen.findByRole('option', { name: '90 days' }));

    await waitFor(() =>
      expect(calls.at(-1)).toEqual({ environment: 'production', days: 90 }),
    );
    expect(calls[0]).toEqual({ environment: 'production', days: 30 });
  });
});
