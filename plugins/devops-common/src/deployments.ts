import type { components } from './generated/openapi';

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
] as const satisfies readonly DeploymentStatus[];

/**
 * Where a deployment is in its lifecycle; one of {@link DEPLOYMENT_STATUSES}.
 * Only `succeeded` deployments count as running a version and as deploys
 * in the DORA deployment frequency; `failed` and `rolled_back` count as
 * change failures. The API spec's `DeploymentStatus` schema.
 *
 * @public
 */
export type DeploymentStatus = components['schemas']['DeploymentStatus'];

/**
 * How a deployment replaced the previous version: the values the
 * `strategy` field accepts.
 *
 * @public
 */
export const DEPLOYMENT_STRATEGIES = [
  'rolling',
  'blue-green',
  'canary',
  'recreate',
] as const satisfies readonly DeploymentStrategy[];

/**
 * How a deployment replaced the previous version; one of
 * {@link DEPLOYMENT_STRATEGIES}. Informational: shown on the pages, it does
 * not change how the deployment is counted. The API spec's
 * `DeploymentStrategy` schema.
 *
 * @public
 */
export type DeploymentStrategy = components['schemas']['DeploymentStrategy'];

/**
 * Whether a deployment has reached a final status.
 *
 * @public
 */
export function isFinalDeploymentStatus(status: DeploymentStatus): boolean {
  return status !== 'queued' && status !== 'in_progress';
}

/**
 * What a CI pipeline sends to `POST /v1/deployments`: the API spec's
 * `DeploymentInput` schema. Dates are ISO 8601 strings with an offset.
 *
 * @public
 */
export type DeploymentInput = components['schemas']['DeploymentInput'];

/**
 * A stored deployment as the API returns it: what was reported, with its
 * idempotency key resolved and the ledger's own id and times. The API spec's
 * `Deployment` schema.
 *
 * @public
 */
export type Deployment = components['schemas']['Deployment'];

/**
 * A page of deployments, newest first: the API spec's `DeploymentPage`
 * schema.
 *
 * @public
 */
export type DeploymentPage = components['schemas']['DeploymentPage'];
