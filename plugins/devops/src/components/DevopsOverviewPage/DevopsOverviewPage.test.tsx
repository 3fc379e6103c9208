import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  OverviewEntry,
  OverviewPage,
} from '@backstage-devops/plugin-devops-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DevopsApi, devopsApiRef, GetOverviewRequest } from '../../api';
import {
  DevopsOverviewContent,
  DevopsOverviewPage,
} from './DevopsOverviewPage';

// Rendering the table with chips in every cell is slow on a busy machine.
jest.setTimeout(30_000);

const noAlerts = { P0: 0, P1: 0, P2: 0, P3: 0 };
const noDora = {
  environment: 'production',
  days: 30,
  deploymentsPerDay: 0,
  bands: {},
};

const paymentsApi: OverviewEntry = {
  entityRef: 'component:default/payments-api',
  kind: 'Component',
  namespace: 'default',
  name: 'payments-api',
  owner: 'payments',
  system: 'payments',
  lifecycle: 'production',
  type: 'service',
  environments: [
    {
      environment: 'staging',
      runningVersion: '1.4.1',
      latestStatus: 'succeeded',
      lastDeployedAt: '2026-11-24T10:00:00Z',
      health: 'up',
    },
    {
      environment: 'production',
      runningVersion: '1.4.0',
      latestStatus: 'succeeded',
      lastDeployedAt: '2026-11-20T10:00:00Z',
      health: 'degraded',
    },
  ],
  firingAlerts: { ...noAlerts, P2: 1 },
  readiness: { score: 67, passed: 4, failed: 2, unknown: 1 },
  dora: {
    environment: 'production',
    days: 30,
    deploymentsPerDay: 0.4,
    leadTimeMedianSeconds: 5 * 3600,
    changeFailureRate: 0.08,
    bands: {
      deploymentFrequency: 'high',
      leadTime: 'elite',
      changeFailureRate: 'high',
    },
  },
};

const checkoutWeb: OverviewEntry = {
  entityRef: 'component:default/checkout-web',
  title: 'Checkout web',
  kind: 'Component',
  namespace: 'default',
  name: 'checkout-web',
  owner: 'web',
  system: 'storefront',
  lifecycle: 'production',
  environments: [
    {
      environment: 'production',
      runningVersion: '2.0.0',
      latestStatus: 'failed',
      lastDeployedAt: '2026-11-25T08:00:00Z',
      health: 'down',
    },
    // Declared (its own devops/environments) but never deployed to.
    { environment: 'qa' },
  ],
  firingAlerts: { ...noAlerts, P0: 1, P3: 2 },
  readiness: { passed: 0, failed: 0, unknown: 5 },
  dora: noDora,
};

const fraudScoring: OverviewEntry = {
  entityRef: 'component:default/fraud-scoring',
  title: 'Fraud "scoring", beta',
  kind: 'Component',
  namespace: 'default',
  name: 'fraud-scoring',
  owner: 'payments',
  system: 'payments',
  lifecycle: 'experimental',
  environments: [],
  firingAlerts: noAlerts,
  readiness: { score: 20, passed: 1, failed: 4, unknown: 0 },
  dora: noDora,
};

// Deploys to its own environments only (devops/environments: qa,live), so
// it has no DORA data for production.
const ledgerUi: OverviewEntry = {
  entityRef: 'component:default/ledger-ui',
  kind: 'Component',
  namespace: 'default',
  name: 'ledger-ui',
  owner: 'payments',
  lifecycle: 'production',
  environments: [
    { environment: 'qa', runningVersion: '3.1.0', latestStatus: 'succeeded' },
    { environment: 'live', runningVersion: '3.0.0', latestStatus: 'succeeded' },
  ],
  firingAlerts: noAlerts,
  readiness: { score: 50, passed: 2, failed: 2, unknown: 1 },
  dora: noDora,
};

// A fake backend that filters and pages like the real one: entries ordered
// by entity ref, an opaque cursor, the total of what matched.
function fakeDevopsApi(
  entries: OverviewEntry[],
  requests: GetOverviewRequest[] = [],
): Partial<DevopsApi> {
  return {
    getEnvironments: async () => ({
      environments: ['development', 'staging', 'production'],
    }),
    getOverview: async (request = {}): Promise<OverviewPage> => {
      requests.push(request);
      const matching = entries
        .filter(
          e =>
            (!request.owner || e.owner === request.owner) &&
            (!request.system || e.system === request.system) &&
            (!request.lifecycle || e.lifecycle === request.lifecycle) &&
            (!request.environment ||
              e.environments.some(
                env => env.environment === request.environment,
              )),
        )
        .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      const start = request.cursor ? Number(request.cursor) : 0;
      const limit = request.limit ?? 50;
      const next = start + limit;
      return {
        items: matching.slice(start, next),
        nextCursor: next < matching.length ? String(next) : undefined,
        totalItems: matching.length,
      };
    },
  };
}

const catalogApi = {
  getEntityFacets: async () => ({
    facets: {
      'spec.owner': [
        { value: 'web', count: 1 },
        { value: 'payments', count: 2 },
      ],
      'spec.system': [
        { value: 'payments', count: 2 },
        { value: 'storefront', count: 1 },
      ],
      'spec.lifecycle': [
        { value: 'production', count: 2 },
        { value: 'experimental', count: 1 },
      ],
    },
  }),
};

function renderOverview(api: Partial<DevopsApi>, pageSize?: number) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [devopsApiRef, api],
        [catalogApiRef, catalogApi],
      ]}
    >
      <DevopsOverviewContent pageSize={pageSize} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

async function serviceNames(): Promise<string[]> {
  const table = await screen.findByRole('table');
  return within(table)
    .getAllByRole('link')
    .map(link => link.textContent ?? '');
}

function rowOf(name: string): HTMLElement {
  return screen.getByRole('link', { name }).closest('tr') as HTMLElement;
}

async function choose(filter: string, option: string) {
  const group = within(screen.getByRole('group', { name: 'Overview filters' }));
  // A select is named by its label, then the value it shows.
  fireEvent.mouseDown(
    group.getByRole('button', { name: new RegExp(`^${filter} `) }),
  );
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('DevopsOverviewContent', () => {
  it('shows each service per environment with version, health, alerts, readiness and DORA bands', async () => {
    await renderOverview(
      fakeDevopsApi([paymentsApi, checkoutWeb, fraudScoring]),
    );

    expect(await serviceNames()).toEqual([
      'Checkout web',
      'Fraud "scoring", beta',
      'payments-api',
    ]);
    const headers = screen.getAllByRole('columnheader').map(h => h.textContent);
    expect(headers).toEqual([
      'Service',
      'Owner',
      'Lifecycle',
      'development',
      'staging',
      'production',
      'qa',
      'Firing alerts',
      'Readiness',
      'DORA (production)',
    ]);

    const payments = within(rowOf('payments-api'));
    expect(payments.getByText('service · system payments')).toBeInTheDocument();
    expect(payments.getByText('1.4.1')).toBeInTheDocument();
    expect(payments.getByText('Up')).toBeInTheDocument();
    expect(payments.getByText('1.4.0')).toBeInTheDocument();
    expect(payments.getByText('Degraded')).toBeInTheDocument();
    // Environments payments-api does not have read "—", named for screen
    // readers and on hover, unlike one it has but never deployed to.
    expect(
      payments.getByText('no development environment'),
    ).toBeInTheDocument();
    expect(payments.getByText('no qa environment')).toBeInTheDocument();
    expect(payments.queryByText('Not deployed')).not.toBeInTheDocument();
    expect(payments.getByText('P2: 1')).toBeInTheDocument();
    expect(payments.getByText('67%')).toBeInTheDocument();
    expect(
      payments.getByText('4 pass · 2 fail · 1 unknown'),
    ).toBeInTheDocument();
    expect(payments.getByText('Frequency: high')).toBeInTheDocument();
    expect(payments.getByText('Lead time: elite')).toBeInTheDocument();
    expect(payments.getByText('0.40 deploys/day')).toBeInTheDocument();

    const checkout = within(rowOf('Checkout web'));
    expect(checkout.getByText('Down')).toBeInTheDocument();
    expect(checkout.getByText('Not deployed')).toBeInTheDocument();
    expect(checkout.getByText('no staging environment')).toBeInTheDocument();
    expect(checkout.getByText('Failed')).toBeInTheDocument();
    expect(checkout.getByText('P0: 1')).toBeInTheDocument();
    expect(checkout.getByText('P3: 2')).toBeInTheDocument();
    expect(checkout.getByText('Not scored')).toBeInTheDocument();
    expect(checkout.getByText('No data')).toBeInTheDocument();

    expect(
      within(rowOf('Fraud "scoring", beta')).getByText('None firing'),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Showing 3 of 3 services',
    );
  });

  it("links each service to its entity's DevOps tab", async () => {
    await renderOverview(fakeDevopsApi([paymentsApi, checkoutWeb]));

    expect(
      await screen.findByRole('link', { name: 'payments-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api/devops');
    expect(screen.getByRole('link', { name: 'Checkout web' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-web/devops',
    );
  });

  it('asks the backend for the chosen owner, system and lifecycle', async () => {
    const requests: GetOverviewRequest[] = [];
    await renderOverview(
      fakeDevopsApi([paymentsApi, checkoutWeb, fraudScoring], requests),
    );
    expect(await serviceNames()).toHaveLength(3);
    expect(requests).toEqual([{ doraEnvironment: 'production', limit: 50 }]);

    await choose('Owner', 'payments');
    await waitFor(async () =>
      expect(await serviceNames()).toEqual([
        'Fraud "scoring", beta',
        'payments-api',
      ]),
    );
    await choose('Lifecycle', 'production');
    await waitFor(async () =>
      expect(await serviceNames()).toEqual(['payments-api']),
    );
    expect(requests.at(-1)).toEqual({
      owner: 'payments',
      lifecycle: 'production',
      doraEnvironment: 'production',
      limit: 50,
    });

    await choose('System', 'storefront');
    expect(
      await screen.findByText(/No services match these filters/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it('computes DORA bands for the environment the reader picks, still listing services without it', async () => {
    const requests: GetOverviewRequest[] = [];
    await renderOverview(fakeDevopsApi([paymentsApi, checkoutWeb], requests));
    await serviceNames();

    await choose('DORA environment', 'staging');
    await waitFor(() =>
      expect(requests.at(-1)).toEqual({
        doraEnvironment: 'staging',
        limit: 50,
      }),
    );
    expect(
      await screen.findByRole('columnheader', { name: 'DORA (staging)' }),
    ).toBeInTheDocument();
    // Checkout web has no staging environment; DORA does not filter.
    expect(await serviceNames()).toEqual(['Checkout web', 'payments-api']);
  });

  it('lists a service that deploys to qa and live only, with no DORA data for production', async () => {
    const requests: GetOverviewRequest[] = [];
    await renderOverview(
      fakeDevopsApi([paymentsApi, ledgerUi, checkoutWeb], requests),
    );

    expect(await serviceNames()).toEqual([
      'Checkout web',
      'ledger-ui',
      'payments-api',
    ]);
    expect(requests).toEqual([{ doraEnvironment: 'production', limit: 50 }]);
    expect(
      screen.getByRole('columnheader', { name: 'DORA (production)' }),
    ).toBeInTheDocument();
    const ledger = within(rowOf('ledger-ui'));
    expect(ledger.getByText('3.0.0')).toBeInTheDocument();
    expect(ledger.getByText('No data')).toBeInTheDocument();
  });

  it('offers every environment a service has for DORA and for the environment filter', async () => {
    const requests: GetOverviewRequest[] = [];
    await renderOverview(
      fakeDevopsApi([paymentsApi, ledgerUi, checkoutWeb], requests),
    );
    await serviceNames();

    await choose('Has environment', 'live');
    await waitFor(async () =>
      expect(await serviceNames()).toEqual(['ledger-ui']),
    );
    expect(requests.at(-1)).toEqual({
      environment: 'live',
      doraEnvironment: 'production',
      limit: 50,
    });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Showing 1 of 1 services',
    );

    await choose('DORA environment', 'live');
    await waitFor(() =>
      expect(requests.at(-1)).toEqual({
        environment: 'live',
        doraEnvironment: 'live',
        limit: 50,
      }),
    );
    expect(
      await screen.findByRole('columnheader', { name: 'DORA (live)' }),
    ).toBeInTheDocument();

    await choose('Has environment', 'Any environment');
    await waitFor(async () => expect(await serviceNames()).toHaveLength(3));
    expect(requests.at(-1)).toEqual({ doraEnvironment: 'live', limit: 50 });
  });

  it('sorts by a column header, the unscored last either way', async () => {
    await renderOverview(
      fakeDevopsApi([paymentsApi, checkoutWeb, fraudScoring]),
    );
    await serviceNames();

    fireEvent.click(screen.getByRole('button', { name: 'Readiness' }));
    expect(await serviceNames()).toEqual([
      'Fraud "scoring", beta',
      'payments-api',
      'Checkout web',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Readiness' }));
    expect(await serviceNames()).toEqual([
      'payments-api',
      'Fraud "scoring", beta',
      'Checkout web',
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Firing alerts' }));
    expect(await serviceNames()).toEqual([
      'Checkout web',
      'payments-api',
      'Fraud "scoring", beta',
    ]);
  });

  describe('CSV export', () => {
    const created: Blob[] = [];
    const original = {
      create: URL.createObjectURL,
      revoke: URL.revokeObjectURL,
    };
    beforeEach(() => {
      created.length = 0;
      // jsdom has no object URLs; keep the Blob to read what was downloaded.
      URL.createObjectURL = (blob: Blob) => {
        created.push(blob);
        return 'blob:devops-overview';
      };
      URL.revokeObjectURL = () => {};
    });
    afterEach(() => {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    });

    it('downloads the visible rows in the order shown, properly quoted', async () => {
      await renderOverview(
        fakeDevopsApi([paymentsApi, checkoutWeb, fraudScoring]),
      );
      await choose('Owner', 'payments');
      await waitFor(async () => expect(await serviceNames()).toHaveLength(2));
      fireEvent.click(screen.getByRole('button', { name: 'Readiness' }));
      expect(await serviceNames()).toEqual([
        'Fraud "scoring", beta',
        'payments-api',
      ]);

      fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      expect(created).toHaveLength(1);
      expect(created[0].type).toBe('text/csv;charset=utf-8');
      const lines = (await created[0].text()).split('\r\n');
      expect(lines[0]).toBe(
        [
          'Service,Entity,Owner,System,Lifecycle',
          'development version,development health,development latest deployment,development deployed at',
          'staging version,staging health,staging latest deployment,staging deployed at',
          'production version,production health,production latest deployment,production deployed at',
          'Firing P0,Firing P1,Firing P2,Firing P3',
          'Readiness score,Checks passed,Checks failed,Checks unknown',
          'DORA environment,DORA days,Deployments per day',
          'Deployment frequency band,Lead time band,Change failure rate band,Time to restore band',
        ].join(','),
      );
      expect(lines.slice(1)).toEqual([
        [
          '"Fraud ""scoring"", beta",component:default/fraud-scoring,payments,payments,experimental',
          ',,,',
          ',,,',
          ',,,',
          '0,0,0,0',
          '20,1,4,0',
          'production,30,0',
          ',,,',
        ].join(','),
        [
          'payments-api,component:default/payments-api,payments,payments,production',
          ',,,',
          '1.4.1,up,succeeded,2026-11-24T10:00:00Z',
          '1.4.0,degraded,succeeded,2026-11-20T10:00:00Z',
          '0,0,1,0',
          '67,4,2,1',
          'production,30,0.4',
          'high,elite,high,',
        ].join(','),
        '',
      ]);
    });
  });

  it('loads further pages on demand', async () => {
    const requests: GetOverviewRequest[] = [];
    await renderOverview(
      fakeDevopsApi([paymentsApi, checkoutWeb, fraudScoring], requests),
      2,
    );

    expect(await serviceNames()).toEqual([
      'Checkout web',
      'Fraud "scoring", beta',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Showing 2 of 3 services',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Load more services' }));
    await waitFor(async () => expect(await serviceNames()).toHaveLength(3));
    expect(requests.at(-1)).toEqual({
      doraEnvironment: 'production',
      limit: 2,
      cursor: '2',
    });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Showing 3 of 3 services',
    );
    expect(
      screen.queryByRole('button', { name: 'Load more services' }),
    ).not.toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    await renderOverview({
      ...fakeDevopsApi([]),
      getOverview: async () => {
        throw new Error('overview unavailable: catalog timed out');
      },
    });

    expect(
      (await screen.findAllByText(/catalog timed out/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a failure to render inside the page, under its header', async () => {
    // React reports the caught error on the console; the page shows it.
    jest.spyOn(console, 'error').mockImplementation(() => {});
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            devopsApiRef,
            {
              ...fakeDevopsApi([]),
              // Entries of a shape the table does not expect.
              getOverview: async () =>
                ({ items: [{ name: 'broken' }], totalItems: 1 } as any),
            },
          ],
          [catalogApiRef, catalogApi],
        ]}
      >
        <DevopsOverviewPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(
      await screen.findByText('Error: DevOps overview could not be shown'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'DevOps overview', level: 1 }),
    ).toBeInTheDocument();
  });
});
