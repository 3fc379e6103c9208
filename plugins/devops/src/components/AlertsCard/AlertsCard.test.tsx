import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  DevopsAlert,
  EntityAlerts,
} from '@backstage-devops/plugin-devops-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { DevopsApi, devopsApiRef } from '../../api';
import { AlertsCard } from './AlertsCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const alert = (overrides: Partial<DevopsAlert>): DevopsAlert => ({
  fingerprint: overrides.alertname ?? 'f',
  status: 'firing',
  severity: 'P2',
  labels: {},
  startsAt: new Date(Date.now() - 42 * 60_000).toISOString(),
  updatedAt: new Date().toISOString(),
  ...overrides,
});

const response = (
  alerts: DevopsAlert[],
  source: Partial<EntityAlerts['source']> = {},
): EntityAlerts => ({
  entityRef: 'component:default/payments-api',
  alerts,
  firing: {
    P0: alerts.filter(a => a.status === 'firing' && a.severity === 'P0').length,
    P1: 0,
    P2: alerts.filter(a => a.status === 'firing' && a.severity === 'P2').length,
    P3: 0,
  },
  source: {
    lastWebhookAt: new Date().toISOString(),
    syncEnabled: false,
    stale: false,
    ...source,
  },
});

function renderCard(api: Partial<DevopsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <AlertsCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('AlertsCard', () => {
  it('lists firing alerts by severity with their runbooks', async () => {
    await renderCard({
      getAlerts: async () =>
        response([
          alert({
            alertname: 'HighLatency',
            severity: 'P2',
            summary: 'p95 above 500 ms',
          }),
          alert({
            alertname: 'PaymentsDown',
            severity: 'P0',
            runbookUrl: 'https://runbooks.example.com/down',
          }),
        ]),
    });

    const items = await screen.findAllByRole('listitem');
    expect(items.map(i => i.getAttribute('aria-label'))).toEqual([
      'PaymentsDown',
      'HighLatency',
    ]);
    expect(
      within(items[0]).getByRole('link', { name: /^Runbook for PaymentsDown/ }),
    ).toHaveAttribute('href', 'https://runbooks.example.com/down');
    expect(within(items[1]).getByText('p95 above 500 ms')).toBeInTheDocument();
    expect(
      within(items[1]).getByText(/Since 42 minutes ago/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('P0: 1 · P1: 0 · P2: 1 · P3: 0'),
    ).toBeInTheDocument();
  });

  it('shows resolved alerts on demand', async () => {
    const states: string[] = [];
    await renderCard({
      getAlerts: async (_e, request = {}) => {
        states.push(request.state!);
        return response(
          request.state === 'all'
            ? [
                alert({
                  alertname: 'Old',
                  status: 'resolved',
                  endsAt: new Date().toISOString(),
                }),
              ]
            : [],
        );
      },
    });
    expect(await screen.findByText('Nothing is firing.')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Show resolved' }));

    expect(await screen.findByText('Resolved')).toBeInTheDocument();
    expect(states).toEqual(['firing', 'all']);
  });

  it('warns when the source is stale', async () => {
    await renderCard({
      getAlerts: async () =>
        response([], {
          lastWebhookAt: undefined,
          lastSyncAt: new Date(Date.now() - 3600_000).toISOString(),
          syncEnabled: true,
          stale: true,
        }),
    });
    expect(
      await screen.findByText(/The alert source is stale/),
    ).toBeInTheDocument();
  });

  it('tells a never-configured source from a quiet one', async () => {
    await renderCard({
      getAlerts: async () => response([], { lastWebhookAt: undefined }),
    });
    expect(
      await screen.findByText(/No alerts received from Alertmanager yet/),
    ).toBeInTheDocument();
  });
});
