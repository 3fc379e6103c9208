import type { MigrationState } from '@backstage-devops/plugin-devops-common';
import type { EntityEnvironments } from '../entities/EntityEnvironments';
import type { IngestionTargets } from '../entities/IngestionTargets';
import { MigrationService } from './MigrationService';
import type { MigrationStore } from './MigrationStore';

const ref = 'component:default/payments-api';

const state = (id: string, status: MigrationState['status']): MigrationState =>
  ({
    id,
    status,
    tool: 'flyway',
    lastReportedAt: '2026-11-29T10:00:00.000Z',
  } as MigrationState);

function service() {
  const store = {
    getStates: async () =>
      new Map([
        ['production', [state('V1', 'applied')]],
        ['staging', [state('V1', 'applied'), state('V2', 'applied')]],
        ['development', [state('V3', 'pending')]],
      ]),
    recordReport: jest.fn(async () => ({ changed: 2, unchanged: 1 })),
  };
  const onRecorded = jest.fn();
  const migrations = new MigrationService({
    store: store as unknown as MigrationStore,
    entities: {
      orderFor: async () => ['development', 'staging', 'production'],
    } as unknown as EntityEnvironments,
    targets: { check: async () => {} } as unknown as IngestionTargets,
    onRecorded,
  });
  return { migrations, store, onRecorded };
}

describe('MigrationService', () => {
  it('answers a report with its target and counts and says its entity changed', async () => {
    const { migrations, onRecorded } = service();
    await expect(
      migrations.record({
        entityRef: ref,
        environment: 'staging',
        tool: 'flyway',
        migrations: [],
      } as any),
    ).resolves.toEqual({
      entityRef: ref,
      environment: 'staging',
      changed: 2,
      unchanged: 1,
    });
    expect(onRecorded).toHaveBeenCalledWith(ref);
  });

  it('orders environments by promotion and finds drift between them', async () => {
    const { migrations } = service();
    const result = await migrations.entityMigrations(ref);
    expect(result.environments.map(e => e.environment)).toEqual([
      'development',
      'staging',
      'production',
    ]);
    expect(result.drift.map(d => d.migrationId)).toEqual(['V1', 'V2']);
  });

  it('keeps only what concerns one environment when asked for it', async () => {
    const { migrations } = service();
    const result = await migrations.entityMigrations(ref, 'production');
    expect(result.environments.map(e => e.environment)).toEqual(['production']);
    expect(
      result.drift.map(d => [d.migrationId, d.appliedIn, d.notAppliedIn]),
    ).toEqual([
      ['V1', ['staging', 'production'], ['development']],
      ['V2', ['staging'], ['development', 'production']],
    ]);
  });
});
