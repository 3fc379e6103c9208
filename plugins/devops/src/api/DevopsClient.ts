import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DeploymentPage,
  DevopsApiOperations,
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
import type {
  DevopsApi,
  DevopsEnvironmentsResponse,
  GetOverviewRequest,
  ListDeploymentsRequest,
} from './DevopsApi';

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
    return this.get<'GetEnvironments'>('/v1/environments');
  }

  /** {@inheritDoc DevopsApi.getSummary} */
  getSummary(entity: CompoundEntityRef): Promise<EntitySummary> {
    return this.get<'GetEntitySummary'>(this.entityPath(entity, 'summary'));
  }

  /** {@inheritDoc DevopsApi.listDeployments} */
  listDeployments(
    entity: CompoundEntityRef,
    request: ListDeploymentsRequest = {},
  ): Promise<DeploymentPage> {
    return this.get<'ListDeployments'>(
      this.entityPath(entity, 'deployments'),
      request,
    );
  }

  /** {@inheritDoc DevopsApi.getMigrations} */
  getMigrations(entity: CompoundEntityRef): Promise<EntityMigrations> {
    return this.get<'GetEntityMigrations'>(
      this.entityPath(entity, 'migrations'),
    );
  }

  /** {@inheritDoc DevopsApi.getDora} */
  getDora(
    entity: CompoundEntityRef,
    request: DevopsApiQuery<'GetDoraMetrics'> = {},
  ): Promise<DoraMetrics> {
    return this.get<'GetDoraMetrics'>(this.entityPath(entity, 'dora'), request);
  }

  /** {@inheritDoc DevopsApi.getHealth} */
  getHealth(
    entity: CompoundEntityRef,
    request: Pick<DevopsApiQuery<'GetEntityHealth'>, 'since'> = {},
  ): Promise<EntityHealth> {
    return this.get<'GetEntityHealth'>(this.entityPath(entity, 'health'), {
      since: request.since,
    });
  }

  /** {@inheritDoc DevopsApi.getAlerts} */
  getAlerts(
    entity: CompoundEntityRef,
    request: Pick<DevopsApiQuery<'GetEntityAlerts'>, 'state'> = {},
  ): Promise<EntityAlerts> {
    return this.get<'GetEntityAlerts'>(this.entityPath(entity, 'alerts'), {
      state: request.state,
    });
  }

  /** {@inheritDoc DevopsApi.getReadiness} */
  getReadiness(entity: CompoundEntityRef): Promise<EntityReadiness> {
    return this.get<'GetEntityReadiness'>(this.entityPath(entity, 'readiness'));
  }

  /** {@inheritDoc DevopsApi.getOverview} */
  getOverview(request: GetOverviewRequest = {}): Promise<OverviewPage> {
    return this.get<'GetOverview'>('/v1/overview', request);
  }

  private entityPath(entity: CompoundEntityRef, resource: string): string {
    const parts = [entity.kind, entity.namespace, entity.name].map(p =>
      encodeURIComponent(p.toLocaleLowerCase('en-US')),
    );
    return `/v1/entities/${parts.join('/')}/${resource}`;
  }

  /**
   * GETs `path`, the operation `Op` of the API spec, with its query
   * parameters; the answer is typed by the spec's 200 response.
   */
  private async get<Op extends keyof DevopsApiOperations>(
    path: string,
    query: DevopsApiQuery<Op> = {},
  ): Promise<DevopsApiResponseBody<Op>> {
    const baseUrl = await this.discoveryApi.getBaseUrl('devops');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries<unknown>(query)) {
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
    return (await response.json()) as DevopsApiResponseBody<Op>;
  }
}
