import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DeploymentPage,
  DoraMetrics,
  EntityAlerts,
  EntityHealth,
  EntityMigrations,
  EntityReadiness,
  EntitySummary,
  OverviewPage,
} from '@backstage-devops/plugin-devops-common';
import type {
  DevopsApi,
  DevopsEnvironmentsResponse,
  GetOverviewRequest,
  ListDeploymentsRequest,
} from './DevopsApi';

type Query = Record<string, string | number | undefined>;

/**
 * Talks to the DevOps backend through Backstage's discovery and fetch APIs,
 * so the signed-in user's credentials travel with every request.
 *
 * @public
 */
export class DevopsClient implements DevopsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  /**
   * Creates a client; `discoveryApi` finds the backend's `devops` plugin and
   * `fetchApi` adds the user's credentials to each request.
   */
  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc DevopsApi.getEnvironments} */
  getEnvironments(): Promise<DevopsEnvironmentsResponse> {
    return this.get('/v1/environments');
  }

  /** {@inheritDoc DevopsApi.getSummary} */
  getSummary(entity: CompoundEntityRef): Promise<EntitySummary> {
    return this.get(this.entityPath(entity, 'summary'));
  }

  /** {@inheritDoc DevopsApi.listDeployments} */
  listDeployments(
    entity: CompoundEntityRef,
    request: ListDeploymentsRequest = {},
  ): Promise<DeploymentPage> {
    return this.get(this.entityPath(entity, 'deployments'), {
      environment: request.environment,
      status: request.status,
      limit: request.limit,
      cursor: request.cursor,
    });
  }

  /** {@inheritDoc DevopsApi.getMigrations} */
  getMigrations(entity: CompoundEntityRef): Promise<EntityMigrations> {
    return this.get(this.entityPath(entity, 'migrations'));
  }

  /** {@inheritDoc DevopsApi.getDora} */
  getDora(
    entity: CompoundEntityRef,
    request: { environment?: string; days?: number } = {},
  ): Promise<DoraMetrics> {
    return this.get(this.entityPath(entity, 'dora'), request);
  }

  /** {@inheritDoc DevopsApi.getHealth} */
  getHealth(
    entity: CompoundEntityRef,
    request: { since?: string } = {},
  ): Promise<EntityHealth> {
    return this.get(this.entityPath(entity, 'health'), request);
  }

  /** {@inheritDoc DevopsApi.getAlerts} */
  getAlerts(
    entity: CompoundEntityRef,
    request: { state?: 'firing' | 'resolved' | 'all' } = {},
  ): Promise<EntityAlerts> {
    return this.get(this.entityPath(entity, 'alerts'), request);
  }

  /** {@inheritDoc DevopsApi.getReadiness} */
  getReadiness(entity: CompoundEntityRef): Promise<EntityReadiness> {
    return this.get(this.entityPath(entity, 'readiness'));
  }

  /** {@inheritDoc DevopsApi.getOverview} */
  getOverview(request: GetOverviewRequest = {}): Promise<OverviewPage> {
    return this.get('/v1/overview', {
      owner: request.owner,
      system: request.system,
      lifecycle: request.lifecycle,
      environment: request.environment,
      doraEnvironment: request.doraEnvironment,
      limit: request.limit,
      cursor: request.cursor,
    });
  }

  private entityPath(entity: CompoundEntityRef, resource: string): string {
    const parts = [entity.kind, entity.namespace, entity.name].map(p =>
      encodeURIComponent(p.toLocaleLowerCase('en-US')),
    );
    return `/v1/entities/${parts.join('/')}/${resource}`;
  }

  private async get<T>(path: string, query: Query = {}): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('devops');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
