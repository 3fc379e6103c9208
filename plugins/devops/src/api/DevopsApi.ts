import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  DeploymentPage,
  DevopsApiQuery,
  DevopsApiResponseBody,
  DoraMetrics,
  EntityAlerts,
  EntityHealth,
  EntityMigrations,
  EntityReadiness,
  EntitySummary,
  OverviewPage,
} from '@backstage-devops/plugin-devops-common';

/**
 * Environments the DevOps backend is configured with, in promotion order:
 * the API spec's `EnvironmentList` schema.
 *
 * @public
 */
export type DevopsEnvironmentsResponse =
  DevopsApiResponseBody<'GetEnvironments'>;

/**
 * Filters and paging of an entity's deployment history: the query
 * parameters of the API spec's `ListDeployments` operation.
 *
 * @public
 */
export type ListDeploymentsRequest = DevopsApiQuery<'ListDeployments'>;

/**
 * Filters and paging of the catalog-wide overview: the query parameters of
 * the API spec's `GetOverview` operation. `kind`, `owner`, `system`,
 * `lifecycle` and `environment` narrow the entities; `doraEnvironment` picks
 * the environment the DORA figures are computed for.
 *
 * @public
 */
export type GetOverviewRequest = DevopsApiQuery<'GetOverview'>;

/**
 * Reads what the DevOps backend knows about catalog entities. Every method
 * rejects with a `ResponseError` from `@backstage/errors` when the backend
 * answers with an error status, for example 403 when the signed-in user may
 * not read the entity's DevOps data (`devops.entity.read`).
 *
 * @public
 */
export interface DevopsApi {
  /** The environments configured in the backend, in promotion order. */
  getEnvironments(): Promise<DevopsEnvironmentsResponse>;
  /**
   * Running version, newest deployment, open migrations and health per
   * environment of one entity, with its firing alerts per priority.
   */
  getSummary(entity: CompoundEntityRef): Promise<EntitySummary>;
  /** One page of an entity's deployments, newest first. */
  listDeployments(
    entity: CompoundEntityRef,
    request?: ListDeploymentsRequest,
  ): Promise<DeploymentPage>;
  /**
   * An entity's migrations per environment, split by status, with the drift
   * between environments.
   */
  getMigrations(entity: CompoundEntityRef): Promise<EntityMigrations>;
  /**
   * An entity's four DORA metrics for one environment (`production` unless
   * `environment` says otherwise) over the last `days` days (1–365, 30 by
   * default).
   */
  getDora(
    entity: CompoundEntityRef,
    request?: DevopsApiQuery<'GetDoraMetrics'>,
  ): Promise<DoraMetrics>;
  /**
   * An entity's health per environment since `since` (an ISO 8601 time at
   * most 31 days back; 24 hours ago by default).
   */
  getHealth(
    entity: CompoundEntityRef,
    request?: Pick<DevopsApiQuery<'GetEntityHealth'>, 'since'>,
  ): Promise<EntityHealth>;
  /**
   * The first page of alerts routed to an entity in the given state
   * (`firing` by default; resolved alerts stay for the configured window).
   */
  getAlerts(
    entity: CompoundEntityRef,
    request?: Pick<DevopsApiQuery<'GetEntityAlerts'>, 'state'>,
  ): Promise<EntityAlerts>;
  /** Evaluates every enabled production-readiness check for an entity now. */
  getReadiness(entity: CompoundEntityRef): Promise<EntityReadiness>;
  /**
   * One page of the catalog-wide overview: the entities the user may read,
   * with versions, health, alerts, readiness and DORA figures.
   */
  getOverview(request?: GetOverviewRequest): Promise<OverviewPage>;
}

/**
 * The API reference of {@link DevopsApi}: the plugin registers a
 * {@link DevopsClient} for it; an app may register its own implementation,
 * for example a fake for tests.
 *
 * @public
 */
export const devopsApiRef = createApiRef<DevopsApi>({
  id: 'plugin.devops.service',
});
