import { createApiRef } from '@backstage/core-plugin-api';

/**
 * Environments the DevOps backend is configured with, in promotion order.
 *
 * @public
 */
export interface DevopsEnvironmentsResponse {
  environments: string[];
}

/**
 * Reads what the DevOps backend knows about catalog entities.
 *
 * @public
 */
export interface DevopsApi {
  getEnvironments(): Promise<DevopsEnvironmentsResponse>;
}

/**
 * @public
 */
export const devopsApiRef = createApiRef<DevopsApi>({
  id: 'plugin.devops.service',
});
