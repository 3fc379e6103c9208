import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ALERT_SEVERITIES,
  AlertSeverity,
  devopsEntityReadPermission,
  EntityAlerts,
  EntitySummary,
} from '@backstage-devops/plugin-devops-common';
import { createHash, randomUUID } from 'crypto';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { DateTime } from 'luxon';
import type { DeploymentStore } from '../database/DeploymentStore';
import type { MigrationStore } from '../database/MigrationStore';
import type { SummaryReader } from '../database/SummaryReader';
import { alertBelongsTo } from '../alerts/alertSelector';
import { toDevopsAlert, toStoredAlerts } from '../alerts/alertmanagerPayload';
import { pageOfAlerts } from '../alerts/alertPages';
import type { AlertStore } from '../alerts/AlertStore';
import { buildEntityHealth } from '../health/entityHealth';
import type { HealthStore } from '../health/HealthStore';
import type { OverviewService } from '../overview/OverviewService';
import { databaseUnavailableHandler } from './databaseAvailability';
import { unexpectedErrorHandler } from './unexpectedErrors';
import { rejectUnstorableText } from './unstorableText';
import { computeDoraMetrics } from './doraMetrics';
import type { EntityEnvironments } from './EntityEnvironments';
import { buildEntityMigrations } from './migrationDrift';
import { addReadinessRoutes } from './readinessRoutes';
import {
  createIngestionSchemas,
  DEFAULT_INGESTION_LIMITS,
  deploymentsQuerySchema,
  doraQuerySchema,
  alertsQuerySchema,
  entityRefProblem,
  healthQuerySchema,
  IngestionLimits,
  migrationsQuerySchema,
  parseInput,
} from './validation';

/** @internal */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  deployments: DeploymentStore;
  migrations: MigrationStore;
  summaries: SummaryReader;
  health: HealthStore;
  alerts: AlertStore;
  alertSettings: {
    severityMap: Record<string, AlertSeverity>;
    /** Seconds between Alertmanager syncs, when syncing is configured. */
    syncIntervalSeconds?: number;
    resolvedWindowDays: number;
  };
  entities: EntityEnvironments;
  overview: OverviewService;
  requireCatalogEntity: boolean;
  /** Clock skew and deployable kinds; the defaults when absent. */
  ingestionLimits?: IngestionLimits;
}

/** The largest body a CI reporter may send; larger ones get 413. */
const BODY_LIMIT = '1mb';

/** @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    deployments,
    migrations,
    summaries,
    entities,
  } = options;
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

  // Rejects a push for an entity or environment the catalog does not know.
  async function checkTarget(entityRef: string, environment: string) {
    const environments = await entities.lookup(entityRef);
    if (!environments) {
      if (options.requireCatalogEntity) {
        throw new NotFoundError(
          `entityRef: ${entityRef} is not in the catalog (set devops.ingestion.requireCatalogEntity to false to accept it anyway)`,
        );
      }
      return;
    }
    if (!environments.includes(environment)) {
      throw new InputError(
        `environment: '${environment}' is not an environment of ${entityRef}; expected one of ${environments.join(
          ', ',
        )}`,
      );
    }
  }

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

  const entityPath = '/v1/entities/:kind/:namespace/:name';

  // Alerts routed to the entity: firing ones, plus resolved ones from the
  // window when asked for.
  async function alertsOf(entityRef: string, includeResolved: boolean) {
    const facts = await entities.facts(entityRef);
    const resolvedSince = includeResolved
      ? new Date(
          Date.now() - options.alertSettings.resolvedWindowDays * 86_400_000,
        )
      : undefined;
    const stored = await options.alerts.list({ resolvedSince });
    const target = {
      entityRef,
      name: entityRef.slice(entityRef.indexOf('/') + 1),
      selector: facts?.alertSelector,
    };
    return stored.filter(a => alertBelongsTo(a.labels, target));
  }

  function countFiring(
    alerts: Array<{ status: string; severity: AlertSeverity }>,
  ) {
    const counts = Object.fromEntries(
      ALERT_SEVERITIES.map(s => [s, 0]),
    ) as Record<AlertSeverity, number>;
    alerts
      .filter(a => a.status === 'firing')
      .forEach(a => {
        counts[a.severity] += 1;
      });
    return counts;
  }

  router.post('/v1/alerts/alertmanager', async (req, res) => {
    await requireService(req);
    const payload = parseInput(
      schemas.alertmanagerWebhook,
      req.body,
      'Alertmanager notification',
    );
    const now = new Date();
    await options.alerts.upsert(
      toStoredAlerts(payload.alerts, {
        externalUrl: payload.externalURL,
        severityMap: options.alertSettings.severityMap,
        source: 'webhook',
        now,
      }),
    );
    await options.alerts.touchSource('webhook', now);
    res.status(200).json({ received: payload.alerts.length });
  });

  router.get(`${entityPath}/alerts`, async (req, res) => {
    const entityRef = await authorizedEntityRef(req);
    const { state, limit, cursor } = parseInput(
      alertsQuerySchema,
      req.query,
      'query',
    );
    const [matched, source] = await Promise.all([
      alertsOf(entityRef, state !== 'firing'),
      options.alerts.sourceState(),
    ]);
    const interval = options.alertSettings.syncIntervalSeconds;
    const page = pageOfAlerts(
      matched.filter(a => state === 'all' || a.status === state),
      { limit, cursor },
    );
    const body: EntityAlerts = {
      entityRef,
      alerts: page.items.map(toDevopsAlert),
      nextCursor: page.nextCursor,
      firing: countFiring(matched),
      source: {
        ...source,
        syncEnabled: interval !== undefined,
        stale:
          interval !== undefined &&
          (!source.lastSyncAt ||
            Date.now() - Date.parse(source.lastSyncAt) > 3 * interval * 1000),
      },
    };
    res.json(body);
  });

  router.post('/v1/deployments', async (req, res) => {
    await requireService(req);
    const input = parseInput(schemas.deploymentInput, req.body, 'deployment');
    await checkTarget(input.entityRef, input.environment);
    const { deployment, created } = await deployments.recordDeployment({
      ...input,
      externalId: input.externalId ?? derivedExternalId(input),
    });
    options.overview.changed(input.entityRef);
    res.status(created ? 201 : 200).json(deployment);
  });

  router.post('/v1/migrations', async (req, res) => {
    await requireService(req);
    const input = parseInput(
      schemas.migrationReport,
      req.body,
      'migration report',
    );
    await checkTarget(input.entityRef, input.environment);
    const result = await migrations.recordReport(input);
    options.overview.changed(input.entityRef);
    res.status(200).json({
      entityRef: input.entityRef,
      environment: input.environment,
      ...result,
    });
  });

  router.get(`${entityPath}/deployments`, async (req, res) => {
    const entityRef = await authorizedEntityRef(req);
    const query = parseInput(deploymentsQuerySchema, req.query, 'query');
    res.json(await deployments.listDeployments({ entityRef, ...query }));
  });

  router.get(`${entityPath}/migrations`, async (req, res) => {
    const entityRef = await authorizedEntityRef(req);
    const query = parseInput(migrationsQuerySchema, req.query, 'query');
    const states = await migrations.getStates(entityRef);
    const order = await entities.orderFor(entityRef);
    const result = buildEntityMigrations(states, order);
    if (query.environment) {
      result.environments = result.environments.filter(
        e => e.environment === query.environment,
      );
      result.drift = result.drift.filter(
        d =>
          d.appliedIn.includes(query.environment!) ||
          d.notAppliedIn.includes(query.environment!),
      );
    }
    res.json(result);
  });

  router.get(`${entityPath}/summary`, async (req, res) => {
    const entityRef = await authorizedEntityRef(req);
    // Ingestion only accepts a catalog entity's own environments, so for
    // one in the catalog those are all there is to look up; for one that is
    // not, every environment with data is shown.
    const known = await entities.lookup(entityRef);
    const {
      deployments: latest,
      openMigrations: open,
      health,
    } = await summaries.read(entityRef, known);
    const order = known ?? entities.configured;
    const extra = [
      ...new Set([...latest.keys(), ...open.keys(), ...health.keys()]),
    ]
      .filter(env => !order.includes(env))
      .sort();
    const summary: EntitySummary = {
      entityRef,
      environments: [...order, ...extra].map(environment => {
        const entry = latest.get(environment);
        return {
          environment,
          runningVersion: entry?.runningVersion,
          latestDeployment: entry?.latest,
          lastDeployedAt: entry?.latest.at,
          migrations: open.get(environment) ?? { pending: 0, failed: 0 },
          health: health.get(environment),
        };
      }),
      firingAlerts: countFiring(await alertsOf(entityRef, false)),
    };
    res.json(summary);
  });

  router.get(`${entityPath}/dora`, async (req, res) => {
    const entityRef = await authorizedEntityRef(req);
    const { environment, days } = parseInput(
      doraQuerySchema,
      req.query,
      'query',
    );
    const to = DateTime.utc();
    const from = to.minus({ days });
    const rows = await deployments.listDeploymentsInWindow({
      entityRef,
      environment,
      from: from.toISO()!,
      to: to.toISO()!,
    });
    res.json(
      computeDoraMetrics({
        entityRef,
        environment,
        days,
        from,
        to,
        deployments: rows,
      }),
    );
  });

  router.get(`${entityPath}/health`, async (req, res) => {
    const entityRef = await authorizedEntityRef(req);
    const query = parseInput(healthQuerySchema, req.query, 'query');
    const until = new Date();
    const since = query.since
      ? new Date(query.since)
      : new Date(until.getTime() - 86_400_000);
    const [facts, current, history] = await Promise.all([
      entities.facts(entityRef),
      options.health.current(entityRef),
      options.health.history(entityRef, since),
    ]);
    const result = buildEntityHealth({
      entityRef,
      order: facts?.environments ?? entities.configured,
      declared: new Map(Object.entries(facts?.healthUrls ?? {})),
      current,
      history,
      since,
      until,
    });
    if (query.environment) {
      result.environments = result.environments.filter(
        e => e.environment === query.environment,
      );
    }
    res.json(result);
  });

  addReadinessRoutes(router, {
    httpAuth,
    overview: options.overview,
    entityPath,
    authorizedEntityRef,
  });

  router.get('/v1/environments', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ environments: entities.configured });
  });

  router.use(databaseUnavailableHandler);
  router.use(unexpectedErrorHandler(options.logger));
  return router;
}

/**
 * Without an explicit key, a report that names its start time is identified
 * by environment, version and start, so a retried report updates the same
 * deployment; one without a start time always records a new deployment.
 */
function derivedExternalId(input: {
  environment: string;
  version: string;
  startedAt?: string;
}): string {
  if (!input.startedAt) {
    return `auto:${randomUUID()}`;
  }
  const hash = createHash('sha256')
    .update(`${input.environment}\n${input.version}\n${input.startedAt}`)
    .digest('hex')
    .slice(0, 32);
  return `auto:${hash}`;
}
