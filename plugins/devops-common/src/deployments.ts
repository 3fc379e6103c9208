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

/**
 * Where a deployment is in its lifecycle; one of {@link DEPLOYMENT_STATUSES}.
 * Only `succeeded` deployments count as running a version and as deploys
 * in the DORA deployment frequency; `failed` and `rolled_back` count as
 * change failures.
 *
 * @public
 */
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

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
] as const;

/**
 * How a deployment replaced the previous version; one of
 * {@link DEPLOYMENT_STRATEGIES}. Informational: shown on the pages, it does
 * not change how the deployment is counted.
 *
 * @public
 */
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
  /**
   * The catalog entity deployed, as `kind:namespace/name`, for example
   * `component:default/payments-api`.
   */
  entityRef: string;
  /**
   * One of the entity's environments (case-insensitive); see
   * {@link getEntityEnvironments}.
   */
  environment: string;
  /**
   * The version deployed, as the team names it (tag, semver, image digest); at
   * most 200 characters.
   */
  version: string;
  /**
   * The deployment's status now; report again with the same `externalId` as it
   * changes.
   */
  status: DeploymentStatus;
  /** How the new version replaced the old one, when the pipeline knows. */
  strategy?: DeploymentStrategy;
  /**
   * Idempotency key, for example the CI run id and attempt: the same key
   * updates the same deployment. Without it, a report with `startedAt` is
   * identified by environment, version and `startedAt`, and one without is
   * always a new deployment.
   */
  externalId?: string;
  /** When the rollout began; orders the history. */
  startedAt?: string;
  /**
   * When the rollout reached its final status. DORA figures place a
   * deployment at this time (else `startedAt`, else when it was reported).
   */
  finishedAt?: string;
  /** The commit deployed, 7 to 64 hex characters. */
  commitSha?: string;
  /**
   * When that commit was made: the start of the DORA lead time, which is
   * only measured for deployments that carry it and `finishedAt`.
   */
  commitTime?: string;
  /** Who or what triggered the deployment, for display. */
  actor?: string;
  /** An absolute http(s) link to the pipeline run; anything else is refused. */
  url?: string;
  /**
   * The id or external id of the deployment this one rolls back: when this
   * one succeeds, that one is marked `rolled_back`.
   */
  rollbackOf?: string;
  /** Free text shown with the deployment, at most 4000 characters. */
  description?: string;
}

/**
 * A stored deployment as the API returns it: what was reported, with its
 * idempotency key resolved and the ledger's own id and times.
 *
 * @public
 */
export interface Deployment extends Omit<DeploymentInput, 'externalId'> {
  /** The ledger's own id; `rollbackOf` may name it. Opaque: do not parse. */
  id: string;
  /**
   * The reported idempotency key, or one the backend derived (prefixed
   * `auto:`) when the report had none.
   */
  externalId: string;
  /** When the first report of this deployment arrived, ISO 8601 in UTC. */
  createdAt: string;
  /** When a report last changed this deployment, ISO 8601 in UTC. */
  updatedAt: string;
}

/**
 * A page of deployments, newest first.
 *
 * @public
 */
export interface DeploymentPage {
  /**
   * Newest first, by `startedAt`, else `finishedAt`, else when the first
   * report arrived.
   */
  items: Deployment[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}
