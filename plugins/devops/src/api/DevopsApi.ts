import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  DeploymentPage,
  DeploymentStatus,
  DoraMetrics,
  EntityAlerts,
  EntityHealth,
  EntityMigrations,
  EntityReadiness,
  EntitySummary,
  OverviewPage,
} from '@backstage-devops/plugin-devops-common';

/**
 * Environments the DevOps backend is configured with, in promotion order.
 *
 * @public
 */
export interface DevopsEnvironmentsResponse {
  environments: string[];
}

/** @public */
export interface ListDeploymentsRequest {
  environment?: string;
  status?: DeploymentStatus;
  limit?: number;
  cursor?: string;
}

/**
 * Filters and paging of the catalog-wide overview. `owner`, `system` and
 * `lifecycle` narrow the entities; `environment` picks the one the DORA
 * figures are computed for (production by default).
 *
 * @public
 */
export interface GetOverviewRequest {
  owner?: string;
  system?: string;
  lifecycle?: string;
  environment?: string;
  limit?: number;
  cursor?: string;
}

/**
 * Reads what the DevOps backend knows about catalog entities.
 *
 * @public
 */
export interface DevopsApi {
  getEnvironments(): Promise<DevopsEnvironmentsResponse>;
  getSummary(entity: CompoundEntityRef): Promise<EntitySummary>;
  listDeployments(
    entity: CompoundEntityRef,
    request?: ListDeploymentsRequest,
  ): Promise<DeploymentPage>;
  getMigrations(entity: CompoundEntityRef): Promise<EntityMigrations>;
  getDora(
    entity: CompoundEntityRef,
    request?: { environment?: string; days?: number },
  ): Promise<DoraMetrics>;
  getHealth(
    entity: CompoundEntityRef,
    request?: { since?: string },
  ): Promise<EntityHealth>;
  getAlerts(
    entity: CompoundEntityRef,
    request?: { state?: 'firing' | 'resolved' | 'all' },
  ): Promise<EntityAlerts>;
  getReadiness(entity: CompoundEntityRef): Promise<EntityReadiness>;
  getOverview(request?: GetOverviewRequest): Promise<OverviewPage>;
}

/**
 * @public
 */
export const devopsApiRef = createApiRef<DevopsApi>({
  id: 'plugin.devops.service',
});
