/**
 * Lifecycle of a deployment. `queued` and `in_progress` are running states;
 * the others are final.
 *
 * @public
 */
export const DEPLOYMENT_STATUSES = [
  'queued',
  'in_progress',
  'succeeded',
  'failed',
  'rolled_back',
  'cancelled',
] as const;

/** @public */
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** @public */
export const DEPLOYMENT_STRATEGIES = [
  'rolling',
  'blue-green',
  'canary',
  'recreate',
] as const;

/** @public */
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

/**
 * Whether a deployment has reached a final status.
 *
 * @public
 */
export function isFinalDeploymentStatus(status: DeploymentStatus): boolean {
  return status !== 'queued' && status !== 'in_progress';
}

/**
 * What a CI pipeline sends to `POST /v1/deployments`. Dates are ISO 8601
 * strings with an offset.
 *
 * @public
 */
export interface DeploymentInput {
  entityRef: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  strategy?: DeploymentStrategy;
  /** Idempotency key: the same key updates the same deployment. */
  externalId?: string;
  startedAt?: string;
  finishedAt?: string;
  commitSha?: string;
  commitTime?: string;
  actor?: string;
  url?: string;
  /** The id or external id of the deployment this one rolls back. */
  rollbackOf?: string;
  description?: string;
}

/**
 * A stored deployment as the API returns it: what was reported, with its
 * idempotency key resolved and the ledger's own id and times.
 *
 * @public
 */
export interface Deployment extends Omit<DeploymentInput, 'externalId'> {
  id: string;
  externalId: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A page of deployments, newest first.
 *
 * @public
 */
export interface DeploymentPage {
  items: Deployment[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}
