import type {
  Deployment,
  DeploymentInput,
  DeploymentStatus,
} from '@backstage-devops/plugin-devops-common';

/**
 * A deployment report after validation: entity ref normalised, idempotency
 * key resolved, dates as ISO strings in UTC.
 */
export type DeploymentRecord = DeploymentInput & { externalId: string };

export interface RecordDeploymentResult {
  deployment: Deployment;
  /** False when the idempotency key matched a stored deployment. */
  created: boolean;
}

export interface ListDeploymentsOptions {
  entityRef: string;
  environment?: string;
  status?: DeploymentStatus;
  limit: number;
  cursor?: string;
}

/** Deployments between two instants, oldest first, for metrics. */
export interface DeploymentWindowOptions {
  entityRef: string;
  environment: string;
  from: string;
  to: string;
}

export interface DeploymentStore {
  recordDeployment(record: DeploymentRecord): Promise<RecordDeploymentResult>;
  listDeployments(
    options: ListDeploymentsOptions,
  ): Promise<{ items: Deployment[]; nextCursor?: string }>;
  listDeploymentsInWindow(
    options: DeploymentWindowOptions,
  ): Promise<Deployment[]>;
  /**
   * Newest deployment, and newest successful one, per environment: of the
   * given environments, or of every environment the entity has data for.
   */
  getLatestPerEnvironment(
    entityRef: string,
    environments?: string[],
  ): Promise<Map<string, { latest: Deployment; latestSucceeded?: Deployment }>>;
  hasDeployments(entityRef: string): Promise<boolean>;
}
