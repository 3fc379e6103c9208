import type {
  Deployment,
  DeploymentInput,
  DeploymentStatus,
  DoraMetrics,
} from '@backstage-devops/plugin-devops-common';
import { DateTime } from 'luxon';
import type { IngestionTargets } from '../entities/IngestionTargets';
import type {
  DeploymentStore,
  RecordDeploymentResult,
} from './DeploymentStore';
import { computeDoraMetrics } from './doraMetrics';
import { derivedExternalId } from './idempotencyKeys';

/** Records deployment reports and answers an entity's deployment questions. */
export class DeploymentService {
  constructor(
    private readonly options: {
      store: DeploymentStore;
      targets: IngestionTargets;
      /** Told about every entity a report was recorded for. */
      onRecorded?: (entityRef: string) => void;
    },
  ) {}

  /**
   * Records a validated report for a catalog entity's own environment;
   * `created` is false when its idempotency key matched a stored one.
   */
  async record(input: DeploymentInput): Promise<RecordDeploymentResult> {
    await this.options.targets.check(input.entityRef, input.environment);
    const result = await this.options.store.recordDeployment({
      ...input,
      externalId: input.externalId ?? derivedExternalId(input),
    });
    this.options.onRecorded?.(input.entityRef);
    return result;
  }

  /** A page of the entity's deployments, newest first. */
  list(
    entityRef: string,
    query: {
      environment?: string;
      status?: DeploymentStatus;
      limit: number;
      cursor?: string;
    },
  ): Promise<{ items: Deployment[]; nextCursor?: string }> {
    return this.options.store.listDeployments({ entityRef, ...query });
  }

  /** DORA metrics of one environment over the last `days` days. */
  async dora(
    entityRef: string,
    query: { environment: string; days: number },
  ): Promise<DoraMetrics> {
    const { environment, days } = query;
    const to = DateTime.utc();
    const from = to.minus({ days });
    const deployments = await this.options.store.listDeploymentsInWindow({
      entityRef,
      environment,
      from: from.toISO()!,
      to: to.toISO()!,
    });
    return computeDoraMetrics({
      entityRef,
      environment,
      days,
      from,
      to,
      deployments,
    });
  }
}
