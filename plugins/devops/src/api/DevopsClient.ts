import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { DevopsApi, DevopsEnvironmentsResponse } from './DevopsApi';

/**
 * Talks to the DevOps backend through Backstage's discovery and fetch APIs,
 * so the signed-in user's credentials travel with every request.
 *
 * @public
 */
export class DevopsClient implements DevopsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEnvironments(): Promise<DevopsEnvironmentsResponse> {
    return this.get<DevopsEnvironmentsResponse>('/v1/environments');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('devops');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
