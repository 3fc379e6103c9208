import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  EntityMigrations,
  MigrationState,
} from '@backstage-devops/plugin-devops-common';
import { screen, within } from '@testing-library/react';
import { DevopsApi, devopsApiRef } from '../../api';
import { MigrationsCard } from './MigrationsCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const m = (
  id: string,
  status: MigrationState['status'],
  name?: string,
): MigrationState => ({
  id,
  name,
  status,
  tool: 'flyway',
  firstReportedAt: new Date().toISOString(),
  lastReportedAt: new Date().toISOString(),
});

function renderCard(api: Partial<DevopsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <MigrationsCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('MigrationsCard', () => {
  it('counts migrations per environment and spells out the drift', async () => {
    await renderCard({
      getMigrations: async (): Promise<EntityMigrations> => ({
        environments: [
          {
            environment: 'staging',
            applied: [m('V1', 'applied'), m('V2', 'applied')],
            pending: [],
            failed: [m('V3', 'failed', 'add_refunds')],
            rolledBack: [],
          },
          {
            environment: 'production',
            applied: [m('V1', 'applied')],
            pending: [m('V2', 'pending')],
            failed: [],
            rolledBack: [],
          },
        ],
        drift: [
          {
            migrationId: 'V1',
            kind: 'checksum_mismatch',
            appliedIn: ['staging', 'production'],
            notAppliedIn: [],
            checksums: { staging: 'aa', production: 'zz' },
          },
          {
            migrationId: 'V2',
            kind: 'not_applied',
            appliedIn: ['staging'],
            notAppliedIn: ['production'],
            checksums: { staging: null },
          },
        ],
      }),
    });

    const table = await screen.findByRole('table', {
      name: 'Migrations per environment',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 4)
          .map(c => c.textContent),
      ),
    ).toEqual([
      ['staging', '2', '0', '1'],
      ['production', '1', '1', '0'],
    ]);
    expect(
      screen.getByText('V3 add_refunds failed in staging'),
    ).toBeInTheDocument();
    const drift = within(screen.getByRole('list', { name: 'Drift' }));
    expect(
      drift.getByText(
        'V1: checksum differs between environments (staging aa, production zz)',
      ),
    ).toBeInTheDocument();
    expect(
      drift.getByText('V2: applied in staging, not in production'),
    ).toBeInTheDocument();
  });

  it('says how to report when there are no reports', async () => {
    await renderCard({
      getMigrations: async () => ({ environments: [], drift: [] }),
    });
    expect(
      await screen.findByText(/api\/devops\/v1\/migrations/),
    ).toBeInTheDocument();
  });
});
