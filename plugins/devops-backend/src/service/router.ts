import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { devopsEntityReadPermission } from '@backstage-devops/plugin-devops-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import type { AlertService } from '../alerts/AlertService';
import {
  DEFAULT_INGESTION_LIMITS,
  type IngestionLimits,
} from '../config/ingestionConfig';
import type { DeploymentService } from '../deployments/DeploymentService';
import type { HealthService } from '../health/HealthService';
import type { MigrationService } from '../migrations/MigrationService';
import type { OverviewService } from '../overview/OverviewService';
import type { ReadinessService } from '../readiness/ReadinessService';
import type { SummaryService } from '../summary/SummaryService';
import { databaseUnavailableHandler } from './databaseAvailability';
import { addReadinessRoutes } from './readinessRoutes';
import { unexpectedErrorHandler } from './unexpectedErrors';
import { specRoutes } from './specRoutes';
import { rejectUnstorableText } from './unstorableText';
import {
  alertsQuerySchema,
  createIngestionSchemas,
  deploymentsQuerySchema,
  doraQuerySchema,
  entityRefProblem,
  healthQuerySchema,
  migrationsQuerySchema,
  parseInput,
} from './validation';

/** @internal */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  deployments: DeploymentService;
  migrations: MigrationService;
  summaries: SummaryService;
  health: HealthService;
  alerts: AlertService;
  readiness: ReadinessService;
  overview: OverviewService;
  /** The configured environments, in promotion order. */
  environments: string[];
  /** Clock skew and deployable kinds; the defaults when absent. */
  ingestionLimits?: IngestionLimits;
}

/** The largest body a CI reporter may send; larger ones get 413. */
const BODY_LIMIT = '1mb';

/** @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions } = options;
  const schemas = createIngestionSchemas(
    options.ingestionLimits ?? DEFAULT_INGESTION_LIMITS,
  );
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));
  // NUL and lone surrogates anywhere in a body or query: 400 before any
  // handler, since PostgreSQL refuses the one and would corrupt the other.
  router.use(rejectUnstorableText);

  // Pushes come from CI pipelines and other backends, never from people.
  const requireService = (req: Request) =>
    httpAuth.credentials(req, { allow: ['service'] });

  // Resolves the entity of a read route and checks the caller may read it.
  async function authorizedEntityRef(req: Request): Promise<string> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    const problem = entityRefProblem({ kind, namespace, name });
    if (problem) {
      throw new InputError(`Invalid entity in path: ${problem}`);
    }
    let entityRef: string;
    try {
      // Path segments hold no ':' or '/', so the ref needs no re-parsing.
      entityRef = stringifyEntityRef({
        kind,
        namespace,
        name,
      }).toLocaleLowerCase('en-US');
    } catch (e) {
      throw new InputError(`Invalid entity in path: ${e}`);
    }
    const [decision] = await permissions.authorize(
      [{ permission: devopsEntityReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not read the DevOps data of ${entityRef}`,
      );
    }
    return entityRef;
  }

  const routes = specRoutes(router);

  routes.post('/v1/alerts/alertmanager', async (req, res) => {
    await requireService(req);
    const payload = parseInput(
      schemas.alertmanagerWebhook,
      req.body,
      'Alertmanager notification',
    );
    const received = await options.alerts.receiveWebhook(payload);
    res.status(200).json({ received });
  });

  routes.get(
    '/v1/entities/{kind}/{namespace}/{name}/alerts',
    async (req, res) => {
      const entityRef = await authorizedEntityRef(req);
      const query = parseInput(alertsQuerySchema, req.query, 'query');
      res.json(await options.alerts.entityAlerts(entityRef, query));
    },
  );

  routes.post('/v1/deployments', async (req, res) => {
    await requireService(req);
    const input = parseInput(schemas.deploymentInput, req.body, 'deployment');
    const { deployment, created } = await options.deployments.record(input);
    res.status(created ? 201 : 200).json(deployment);
  });

  routes.post('/v1/migrations', async (req, res) => {
    await requireService(req);
    const input = parseInput(
      schemas.migrationReport,
      req.body,
      'migration report',
    );
    res.status(200).json(await options.migrations.record(input));
  });

  routes.get(
    '/v1/entities/{kind}/{namespace}/{name}/deployments',
    async (req, res) => {
      const entityRef = await authorizedEntityRef(req);
      const query = parseInput(deploymentsQuerySchema, req.query, 'query');
      res.json(await options.deployments.list(entityRef, query));
    },
  );

  routes.get(
    '/v1/entities/{kind}/{namespace}/{name}/migrations',
    async (req, res) => {
      const entityRef = await authorizedEntityRef(req);
      const query = parseInput(migrationsQuerySchema, req.query, 'query');
      res.json(
        await options.migrations.entityMigrations(entityRef, query.environment),
      );
    },
  );

  routes.get(
    '/v1/entities/{kind}/{namespace}/{name}/summary',
    async (req, res) => {
      const entityRef = await authorizedEntityRef(req);
      res.json(await options.summaries.entitySummary(entityRef));
    },
  );

  routes.get(
    '/v1/entities/{kind}/{namespace}/{name}/dora',
    async (req, res) => {
      const entityRef = await authorizedEntityRef(req);
      const query = parseInput(doraQuerySchema, req.query, 'query');
      res.json(await options.deployments.dora(entityRef, query));
    },
  );

  routes.get(
    '/v1/entities/{kind}/{namespace}/{name}/health',
    async (req, res) => {
      const entityRef = await authorizedEntityRef(req);
      const query = parseInput(healthQuerySchema, req.query, 'query');
      res.json(await options.health.entityHealth(entityRef, query));
    },
  );

  addReadinessRoutes(routes, {
    httpAuth,
    readiness: options.readiness,
    overview: options.overview,
    authorizedEntityRef,
  });

  routes.get('/v1/environments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ environments: options.environments });
  });

  router.use(databaseUnavailableHandler);
  router.use(unexpectedErrorHandler(options.logger));
  return router;
}
