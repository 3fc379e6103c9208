import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  AlertSeverity,
  DeploymentInput,
  HealthCheckResult,
  MigrationReportInput,
} from '@backstage-devops/plugin-devops-common';

/**
 * A deployment to record. The `externalId` is required: it is the
 * idempotency key, so recording the same deployment twice updates it instead
 * of adding a second one.
 *
 * @public
 */
export interface DevopsDeploymentRecord extends DeploymentInput {
  externalId: string;
}

/**
 * One health check result of one environment's health URL.
 *
 * @public
 */
export interface DevopsHealthCheckRecord extends HealthCheckResult {
  entityRef: string;
  environment: string;
  url: string;
}

/**
 * An alert as Alertmanager's webhook would deliver it. Alerts are keyed by
 * `fingerprint`: writing one again replaces it.
 *
 * @public
 */
export interface DevopsAlertRecord {
  fingerprint: string;
  status: 'firing' | 'resolved';
  alertname?: string;
  severity: AlertSeverity;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorUrl?: string;
  externalUrl?: string;
  updatedAt: string;
}

/**
 * Writes into the devops plugin's ledger through the same stores that the
 * HTTP API and the Alertmanager integration use, so what a startup task
 * records looks exactly like reported data on every page. Entity refs are
 * expected in their normalised form (`kind:namespace/name`, lower case).
 *
 * @public
 */
export interface DevopsDataWriter {
  /** Whether any deployment of the entity is stored, in any environment. */
  hasDeployments(entityRef: string): Promise<boolean>;
  recordDeployment(deployment: DevopsDeploymentRecord): Promise<void>;
  recordMigrationReport(report: MigrationReportInput): Promise<void>;
  recordHealthChecks(checks: DevopsHealthCheckRecord[]): Promise<void>;
  /** Stores the alerts, replacing stored ones with the same fingerprint. */
  upsertAlerts(alerts: DevopsAlertRecord[]): Promise<void>;
}

/**
 * A health URL an entity declares for one of its environments.
 *
 * @public
 */
export interface DevopsHealthUrl {
  environment: string;
  url: string;
}

/**
 * How the devops plugin reads catalog entities, so startup tasks see them as
 * the plugin does.
 *
 * @public
 */
export interface DevopsEntityFacts {
  /**
   * The entity's environments in promotion order: its
   * `devops/environments` annotation, else `devops.environments` from
   * config.
   */
  environmentsOf(entityRef: string): Promise<string[]>;
  /**
   * The health URLs the entity declares with `devops/health-url.<env>`
   * annotations; the ones the health poller checks.
   */
  healthUrlsOf(entity: Entity): DevopsHealthUrl[];
}

/**
 * What the devops plugin hands a startup task.
 *
 * @public
 */
export interface DevopsStartupTaskContext {
  writer: DevopsDataWriter;
  entities: DevopsEntityFacts;
}

/**
 * Work a backend module has the devops plugin do once at startup, after the
 * plugin's database migrations and before it serves requests, such as
 * seeding data. A task that throws stops the plugin from starting. Work that
 * has to wait for something else, such as the catalog's first ingestion,
 * belongs on the scheduler service: the task schedules it and returns, and
 * may keep using the context from the scheduled work.
 *
 * @public
 */
export interface DevopsStartupTask {
  /** Names the task in logs and errors. */
  id: string;
  run(context: DevopsStartupTaskContext): Promise<void>;
}

/**
 * Registers startup tasks with the devops plugin.
 *
 * @public
 */
export interface DevopsStartupTasksExtensionPoint {
  addStartupTasks(...tasks: DevopsStartupTask[]): void;
}

/**
 * Extension point through which backend modules of the devops plugin add
 * {@link DevopsStartupTask}s, which get a {@link DevopsDataWriter} onto the
 * plugin's ledger without access to its database.
 *
 * @public
 */
export const devopsStartupTasksExtensionPoint =
  createExtensionPoint<DevopsStartupTasksExtensionPoint>({
    id: 'devops.startup-tasks',
  });
