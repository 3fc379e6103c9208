import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { alertRules, alertRuleTests } from '../alerts/alertRules';
import { examples } from './alerts.examples';
import { writeFiles } from './writeFiles';
import { ENTITY_REF, SERVICE_NAME } from './inputPatterns';

/**
 * Writes Prometheus alert rules for a new service (down, error rate, p95
 * latency, restarts, CPU saturation, database connection failures) with
 * severity, runbook and `backstage_entity` labels the DevOps backend routes
 * by, and a `promtool test rules` file that proves the paging ones fire.
 *
 * @public
 */
export function createAlertsAction() {
  return createTemplateAction({
    id: 'devops:alerts:generate',
    description:
      'Writes Prometheus alert rules for a service and a promtool unit test for them',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        service: z =>
          z
            .string()
            .regex(SERVICE_NAME.pattern, SERVICE_NAME.message)
            .max(63)
            .describe('Prometheus job and container name'),
        entityRef: z =>
          z
            .string()
            .regex(ENTITY_REF.pattern, ENTITY_REF.message)
            .describe('Catalog entity the alerts belong to'),
        runbookUrl: z =>
          z.string().url().describe('Runbook the alerts link to'),
        hasDatabase: z => z.boolean().default(false),
        latencyThresholdMs: z =>
          z.number().int().min(10).max(60_000).default(500),
        errorRatePercent: z => z.number().min(0.1).max(25).default(5),
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
      const options = {
        service: ctx.input.service,
        entityRef: ctx.input.entityRef,
        runbookUrl: ctx.input.runbookUrl,
        hasDatabase: ctx.input.hasDatabase ?? false,
        latencyThresholdMs: ctx.input.latencyThresholdMs ?? 500,
        errorRatePercent: ctx.input.errorRatePercent ?? 5,
      };
      const files = await writeFiles(
        ctx.workspacePath,
        ctx.input.targetPath ?? 'monitoring',
        {
          'alerts.rules.yml': stringify(alertRules(options)),
          'alerts.test.yml': stringify(
            alertRuleTests(options, 'alerts.rules.yml'),
          ),
        },
      );
      ctx.output('files', files);
    },
  });
}
