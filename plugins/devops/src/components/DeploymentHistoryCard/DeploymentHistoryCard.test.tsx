import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { Deployment } from '@backstage-devops/plugin-devops-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DevopsApi, devopsApiRef, ListDeploymentsRequest } from '../../api';
import { DeploymentHistoryCard } from './DeploymentHistoryCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'example/payments-api' },
  },
};

const deployment = (
  i: number,
  overrides: Partial<Deployment> = {},
): Deployment => ({
  id: String(i),
  entityRef: 'component:default/payments-api',
  environment: i % 2 ? 'staging' : 'production',
  version: `1.0.${i}`,
  status: 'succeeded',
  externalId: `run-${i}`,
  startedAt: new Date(Date.now() - i * 3600_000).toISOString(),
  finishedAt: new Date(Date.now() - i * 3600_000 + 270_000).toISOString(),
  commitSha: `abcdef${i}0123456789`,
  actor: 'ada',
  url: `https://ci.example.com/runs/${i}`,
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  ...overrides,
});

function renderCard(api: Partial<DevopsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <DeploymentHistoryCard environments={['staging', 'production']} />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('DeploymentHistoryCard', () => {
  it('lists deployments newest first with links to the run and the commit', async () => {
    await renderCard({
      listDeployments: async () => ({
        items: [deployment(1), deployment(2, { status: 'rolled_back' })],
      }),
    });

    expect(await screen.findByText('1.0.1')).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('1.0.1')).toBeInTheDocument();
    expect(within(rows[0]).getByText('4m 30s')).toBeInTheDocument();
    // Each run link names the version and environment it ran for.
    expect(
      within(rows[0]).getByRole('link', { name: /^Run 1\.0\.1 on staging\b/ }),
    ).toHaveAttribute('href', 'https://ci.example.com/runs/1');
    expect(
      within(rows[1]).getByRole('link', {
        name: /^Run 1\.0\.2 on production\b/,
      }),
    ).toHaveAttribute('href', 'https://ci.example.com/runs/2');
    expect(
      within(rows[0]).getByRole('link', { name: /^abcdef1 \(commit\)/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/example/payments-api/commit/abcdef10123456789',
    );
    expect(within(rows[1]).getByText('Rolled back')).toBeInTheDocument();
  });

  it('shows ten deployments a page and pages through the rest', async () => {
    await renderCard({
      listDeployments: async () => ({
        items: Array.from({ length: 25 }, (_, i) => deployment(i + 1)),
      }),
    });

    expect(await screen.findByText('1.0.1')).toBeInTheDocument();
    expect(screen.getAllByText(/^1\.0\.\d+$/)).toHaveLength(10);
    expect(screen.getAllByText('1-10 of 25').length).toBeGreaterThan(0);
    expect(screen.queryByText('1.0.11')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    expect(await screen.findByText('1.0.11')).toBeInTheDocument();
    expect(screen.getAllByText(/^1\.0\.\d+$/)).toHaveLength(10);
    expect(screen.getAllByText('11-20 of 25').length).toBeGreaterThan(0);
  });

  it('keeps long logins on one line with the full name on hover', async () => {
    const login = 'release-automation-service-account';
    await renderCard({
      listDeployments: async () => ({
        items: [deployment(1, { actor: login })],
      }),
    });

    expect(await screen.findByText(login)).toHaveAttribute('title', login);
  });

  it('loads older pages on demand', async () => {
    const calls: ListDeploymentsRequest[] = [];
    await renderCard({
      listDeployments: async (_entity, request = {}) => {
        calls.push(request);
        return request.cursor
          ? { items: [deployment(3)] }
          : { items: [deployment(1)], nextCursor: 'next-page' };
      },
    });

    fireEvent.click(
      await screen.findByRole('button', { name: 'Load older deployments' }),
    );

    expect(await screen.findByText('1.0.3')).toBeInTheDocument();
    expect(screen.getByText('1.0.1')).toBeInTheDocument();
    expect(calls.map(c => c.cursor)).toEqual([undefined, 'next-page']);
    expect(
      screen.queryByRole('button', { name: 'Load older deployments' }),
    ).not.toBeInTheDocument();
  });

  it('asks the backend for one environment and status when filtered', async () => {
    const calls: ListDeploymentsRequest[] = [];
    await renderCard({
      listDeployments: async (_entity, request = {}) => {
        calls.push(request);
        return { items: request.status === 'failed' ? [] : [deployment(1)] };
      },
    });
    await screen.findByText('1.0.1');

    const filters = within(screen.getByRole('group', { name: 'Filters' }));
    fireEvent.mouseDown(
      filters.getByRole('button', { name: 'Status All statuses' }),
    );
    fireEvent.click(await screen.findByRole('option', { name: 'failed' }));

    expect(
      await screen.findByText('No deployments match these filters.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(calls.at(-1)).toMatchObject({ status: 'failed' }),
    );
  });
});
