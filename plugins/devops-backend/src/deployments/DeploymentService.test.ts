import { InputError } from '@backstage/errors';
import type { IngestionTargets } from '../entities/IngestionTargets';
import { DeploymentService } from './DeploymentService';
import type { DeploymentStore } from './DeploymentStore';
import { derivedExternalId } from './idempotencyKeys';

const report = {
  entityRef: 'component:default/payments-api',
  environment: 'production',
  version: '1.4.2',
  status: 'succeeded' as const,
  startedAt: '2026-11-29T10:00:00.000Z',
};

describe('derivedExternalId', () => {
  it('identifies a report with a start time by environment, version and start', () => {
    const key = derivedExternalId(report);
    expect(key).toMatch(/^auto:[0-9a-f]{32}$/);
    expect(derivedExternalId({ ...report })).toBe(key);
    expect(derivedExternalId({ ...report, version: '1.4.3' })).not.toBe(key);
    expect(derivedExternalId({ ...report, environment: 'staging' })).not.toBe(
      key,
    );
    expect(
      derivedExternalId({ ...report, startedAt: '2026-11-29T10:00:01.000Z' }),
    ).not.toBe(key);
  });

  it('gives every report without a start time a key of its own', () => {
    const { startedAt: _, ...unstarted } = report;
    expect(derivedExternalId(unstarted)).not.toBe(derivedExternalId(unstarted));
  });
});

describe('DeploymentService', () => {
  function service(check: IngestionTargets['check']) {
    const store = {
      recordDeployment: jest.fn(async (record: any) => ({
        deployment: { id: 'd1', ...record },
        created: true,
      })),
    };
    const onRecorded = jest.fn();
    const deployments = new DeploymentService({
      store: store as unknown as DeploymentStore,
      targets: { check } as IngestionTargets,
      onRecorded,
    });
    return { deployments, store, onRecorded };
  }

  it('records a report under its derived key and says its entity changed', async () => {
    const { deployments, store, onRecorded } = service(async () => {});
    await deployments.record(report);
    expect(store.recordDeployment).toHaveBeenCalledWith({
      ...report,
      externalId: derivedExternalId(report),
    });
    expect(onRecorded).toHaveBeenCalledWith(report.entityRef);
  });

  it('keeps a key the reporter sent', async () => {
    const { deployments, store } = service(async () => {});
    await deployments.record({ ...report, externalId: 'run-42' });
    expect(store.recordDeployment).toHaveBeenCalledWith(
      expect.objectContaining({ externalId: 'run-42' }),
    );
  });

  it('records nothing for a target the catalog refuses', async () => {
    const { deployments, store, onRecorded } = service(async () => {
      throw new InputError('not an environment');
    });
    await expect(deployments.record(report)).rejects.toThrow(
      'not an environment',
    );
    expect(store.recordDeployment).not.toHaveBeenCalled();
    expect(onRecorded).not.toHaveBeenCalled();
  });
});
