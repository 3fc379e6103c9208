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
  /**
   * Idempotency key, unique per deployment of the entity; choose one that
   * is stable across restarts (for example derived from the seed data) so
   * a task that runs again does not add duplicates.
   */
  externalId: string;
}

/**
 * One health check result of one environment's health URL.
 *
 * @public
 */
export interface DevopsHealthCheckRecord extends HealthCheckResult {
  /** The entity checked, normalised: `kind:namespace/name`, lower case. */
  entityRef: string;
  /** The environment whose health URL was checked. */
  environment: string;
  /** The URL that was checked, as the health card links it. */
  url: string;
}

/**
 * An alert as Alertmanager's webhook would deliver it. Alerts are keyed by
 * `fingerprint`: writing one again replaces it.
 *
 * @public
 */
export interface DevopsAlertRecord {
  /**
   * Identifies the alert across notifications, as Alertmanager's fingerprint
   * does.
   */
  fingerprint: string;
  /** `firing`, or `resolved` once it ended. */
  status: 'firing' | 'resolved';
  /** The alerting rule's name, as the `alertname` label carries it. */
  alertname?: string;
  /** The alert's priority, already mapped from its `severity` label. */
  severity: AlertSeverity;
  /**
   * The alert's labels. They route it to entities: the entity's
   * `devops/alert-selector` matchers, else a `backstage_entity` label naming
   * the entity or a `service` label equal to its name.
   */
  labels: Record<string, string>;
  /**
   * The rule's annotations; `summary`, `description` and an http(s)
   * `runbook_url` are shown with the alert.
   */
  annotations: Record<string, string>;
  /** When the alert started firing, ISO 8601. */
  startsAt: string;
  /** When a resolved alert ended, ISO 8601; undefined while it fires. */
  endsAt?: string;
  /** The Prometheus expression browser link of the rule; http(s) only. */
  generatorUrl?: string;
  /**
   * Alertmanager's own URL; the alert then links to it in Alertmanager's
   * UI. http(s) only.
   */
  externalUrl?: string;
  /** When this state of the alert was observed, ISO 8601. */
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
  /**
   * Records a deployment, or updates the one with the same `externalId`,
   * following the same status transitions as `POST /v1/deployments`. The
   * HTTP API's request checks (catalog membership, clock skew, field
   * formats) do not apply: pass well-formed values.
   */
  recordDeployment(deployment: DevopsDeploymentRecord): Promise<void>;
  /**
   * Records a migration runner's report for one environment, as
   * `POST /v1/migrations` does: repeated states change nothing.
   */
  recordMigrationReport(report: MigrationReportInput): Promise<void>;
  /**
   * Appends health checks to the history; each becomes its environment's
   * current health. Old history is pruned by the plugin's retention.
   */
  recordHealthChecks(checks: DevopsHealthCheckRecord[]): Promise<void>;
  /**
   * Stores the alerts, replacing stored ones with the same fingerprint; a
   * record older than the stored state (an earlier start, or firing after
   * that occurrence resolved) changes nothing.
   */
  upsertAlerts(alerts: DevopsAlertRecord[]): Promise<void>;
}

/**
 * A health URL an entity declares for one of its environments.
 *
 * @public
 */
export interface DevopsHealthUrl {
  /** The environment the URL is declared for. */
  environment: string;
  /** The declared URL, as the health poller checks it. */
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
  /** Writes into the plugin's ledger; see {@link DevopsDataWriter}. */
  writer: DevopsDataWriter;
  /** Reads entities the way the plugin does; see {@link DevopsEntityFacts}. */
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
  /**
   * Does the task's work; the plugin waits for it before serving requests,
   * so schedule anything slow instead of awaiting it here.
   */
  run(context: DevopsStartupTaskContext): Promise<void>;
}

/**
 * Registers startup tasks with the devops plugin.
 *
 * @public
 */
export interface DevopsStartupTasksExtensionPoint {
  /** Adds tasks; they run one after another, in the order added. */
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
