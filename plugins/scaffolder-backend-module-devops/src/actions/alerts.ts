import type { RootConfigService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import {
  DEFAULT_THRESHOLDS,
  type AlertRuleOptions,
  type AlertThresholds,
} from '../alerts/alertOptions';
import {
  alertmanagerRouting,
  defaultRoutingFiles,
} from '../alerts/alertmanagerRouting';
import { alertRules, alertRuleTests } from '../alerts/alertRules';
import { operatorResources } from '../alerts/operatorResources';
import { prometheusScrapeConfig } from '../alerts/prometheusScrapeConfig';
import { serviceDashboard } from '../dashboards/serviceDashboard';
import { examples } from './alerts.examples';
import { writeFiles } from './writeFiles';
import { ENTITY_REF, SERVICE_NAME } from './inputPatterns';

/** The owner's name (`group:default/payments` → `payments`), the `team` label. */
export function teamOf(owner: string): string {
  return owner.replace(/^.*[:/]/, '');
}

/**
 * Writes Prometheus alert rules for a new service (availability, errors,
 * latency, saturation, capacity, certificates, database, migrations,
 * delivery) labelled with severity, `backstage_entity`, `service` and `team`; a
 * `promtool test rules` file with a firing and a quiet case for every rule;
 * how Prometheus scrapes the service (operator resources, or a plain scrape
 * configuration); the Alertmanager routing that pages the team for P0
 * and P1 and sends every alert to the DevOps plugin; and a Grafana
 * dashboard of the same signals.
 *
 * @param options - `config`: the backend's configuration, whose
 *   `backend.baseUrl` is where Alertmanager sends alerts unless the
 *   template passes `backstageUrl`.
 * @public
 */
export function createAlertsAction(
  options: { config?: RootConfigService } = {},
) {
  const backendUrl = options.config?.getOptionalString('backend.baseUrl');
  return createTemplateAction({
    id: 'devops:alerts:generate',
    description:
      'Writes Prometheus alert rules for a service and promtool unit tests that make each one fire and stay quiet',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        service: z =>
          z
            .string()
            .regex(SERVICE_NAME.pattern, SERVICE_NAME.message)
            .max(63)
            .describe(
              'Prometheus job, container and HorizontalPodAutoscaler name; namespaces are <service>-<environment>',
            ),
        entityRef: z =>
          z
            .string()
            .regex(ENTITY_REF.pattern, ENTITY_REF.message)
            .describe('Catalog entity the alerts belong to'),
        owner: z =>
          z
            .string()
            .regex(
              /^([a-z]+:)?([a-z0-9-]+\/)?[a-z0-9][a-z0-9-_.]*$/i,
              'must be an entity ref like group:default/payments',
            )
            .describe('Owner of the service; its name is the team label'),
        runbookUrl: z =>
          z.string().url().describe('Runbook the alerts link to'),
        environments: z =>
          z
            .array(z.string().regex(SERVICE_NAME.pattern, SERVICE_NAME.message))
            .min(1)
            .default(['staging', 'production']),
        productionEnvironment: z =>
          z
            .string()
            .regex(SERVICE_NAME.pattern, SERVICE_NAME.message)
            .default('production'),
        hasDatabase: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'The service exports the db_* pool series (pool, connection errors, query time)',
            ),
        hasMigrations: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'The pipeline runs migrations and pushes each run to the Pushgateway (devops:pipeline:generate with hasDatabase)',
            ),
        hasStorage: z =>
          z
            .boolean()
            .default(false)
            .describe('The service mounts PersistentVolumeClaims <service>-*'),
        probeUrl: z =>
          z
            .string()
            .url()
            .optional()
            .describe(
              'URL the blackbox exporter probes (health and certificate rules)',
            ),
        errorRatePercent: z =>
          z
            .number()
            .min(0.1)
            .max(25)
            .default(DEFAULT_THRESHOLDS.errorRatePercent),
        latencyP95Ms: z =>
          z
            .number()
            .int()
            .min(10)
            .max(60_000)
            .default(DEFAULT_THRESHOLDS.latencyP95Ms),
        latencyP99Ms: z =>
          z
            .number()
            .int()
            .min(10)
            .max(60_000)
            .default(DEFAULT_THRESHOLDS.latencyP99Ms),
        cpuPercent: z =>
          z.number().min(10).max(99).default(DEFAULT_THRESHOLDS.cpuPercent),
        memoryPercent: z =>
          z.number().min(10).max(99).default(DEFAULT_THRESHOLDS.memoryPercent),
        diskFreePercent: z =>
          z.number().min(1).max(90).default(DEFAULT_THRESHOLDS.diskFreePercent),
        restartsPer15m: z =>
          z
            .number()
            .int()
            .min(1)
            .max(100)
            .default(DEFAULT_THRESHOLDS.restartsPer15m),
        certExpiryDays: z =>
          z
            .number()
            .int()
            .min(1)
            .max(90)
            .default(DEFAULT_THRESHOLDS.certExpiryDays),
        dbSlowQueryMs: z =>
          z
            .number()
            .int()
            .min(1)
            .max(60_000)
            .default(DEFAULT_THRESHOLDS.dbSlowQueryMs),
        deploymentGapDays: z =>
          z
            .number()
            .int()
            .min(1)
            .max(365)
            .default(DEFAULT_THRESHOLDS.deploymentGapDays),
        backstageUrl: z =>
          z
            .string()
            .url()
            .optional()
            .describe(
              "Backstage backend Alertmanager posts alerts to; the backend's own backend.baseUrl by default",
            ),
        backstageTokenFile: z =>
          z
            .string()
            .regex(/^\//, 'must be an absolute path')
            .optional()
            .describe(
              'File with the bearer token for the DevOps plugin, as mounted into Alertmanager',
            ),
        pagerRoutingKeyFile: z =>
          z
            .string()
            .regex(/^\//, 'must be an absolute path')
            .optional()
            .describe(
              "File with the team's PagerDuty routing key, as mounted into Alertmanager",
            ),
        pagerUrl: z =>
          z
            .string()
            .url()
            .optional()
            .describe("The pager's events endpoint, if not PagerDuty's"),
        targetPath: z => z.string().default('monitoring'),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Paths written, relative to the workspace'),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      // The scaffolder validates input against the schema but does not fill
      // in its defaults.
      const thresholds = Object.fromEntries(
        Object.entries(DEFAULT_THRESHOLDS).map(([name, fallback]) => [
          name,
          (input as Record<string, unknown>)[name] ?? fallback,
        ]),
      ) as unknown as AlertThresholds;
      const spec: AlertRuleOptions = {
        service: input.service,
        entityRef: input.entityRef,
        team: teamOf(input.owner),
        runbookUrl: input.runbookUrl,
        environments: input.environments ?? ['staging', 'production'],
        productionEnvironment: input.productionEnvironment ?? 'production',
        hasDatabase: input.hasDatabase ?? false,
        hasMigrations: input.hasMigrations ?? false,
        hasStorage: input.hasStorage ?? false,
        probeUrl: input.probeUrl,
        thresholds,
      };
      const backstageUrl = input.backstageUrl ?? backendUrl;
      if (!backstageUrl) {
        // The scaffolder shows the step's error to whoever runs the template.
        throw new Error(
          'backstageUrl is required when the backend has no backend.baseUrl',
        );
      }
      const routingFiles = defaultRoutingFiles(spec.team);
      const routing = alertmanagerRouting(spec, {
        backstageUrl,
        backstageTokenFile:
          input.backstageTokenFile ?? routingFiles.backstageTokenFile,
        pagerRoutingKeyFile:
          input.pagerRoutingKeyFile ?? routingFiles.pagerRoutingKeyFile,
        pagerUrl: input.pagerUrl,
      });
      const operator = Object.fromEntries(
        Object.entries(operatorResources(spec)).map(([name, resource]) => [
          `operator/${name}`,
          stringify(resource.toJSON()),
        ]),
      );
      const files = await writeFiles(
        ctx.workspacePath,
        input.targetPath ?? 'monitoring',
        {
          'alerts.rules.yml': stringify(alertRules(spec)),
          'alerts.test.yml': stringify(
            alertRuleTests(spec, 'alerts.rules.yml'),
          ),
          'prometheus.yml': stringify(
            prometheusScrapeConfig(spec, 'alerts.rules.yml'),
          ),
          'alertmanager.yml': stringify(routing),
          ...operator,
          'grafana-dashboard.json': `${JSON.stringify(
            serviceDashboard(spec),
            null,
            2,
          )}\n`,
        },
      );
      ctx.output('files', files);
    },
  });
}
