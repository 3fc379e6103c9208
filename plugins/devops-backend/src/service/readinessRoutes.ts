import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import type { OverviewService } from '../overview/OverviewService';
import type { ReadinessService } from '../readiness/ReadinessService';
import type { SpecRoutes } from './specRoutes';
import { overviewQuerySchema, parseInput } from './validation';

/**
 * The readiness of one entity and the catalog-wide overview. Separate from
 * the router's other routes because both read across the plugin's stores
 * through the readiness checks rather than from one store.
 */
export function addReadinessRoutes(
  routes: SpecRoutes,
  options: {
    httpAuth: HttpAuthService;
    readiness: ReadinessService;
    overview: OverviewService;
    authorizedEntityRef: (req: Request) => Promise<string>;
  },
) {
  routes.get(
    '/v1/entities/{kind}/{namespace}/{name}/readiness',
    async (req, res) => {
      const entityRef = await options.authorizedEntityRef(req);
      res.json(await options.readiness.entityReadiness(entityRef));
    },
  );

  routes.get('/v1/overview', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(overviewQuerySchema, req.query, 'query');
    res.json(await options.overview.page(query, credentials));
  });
}
