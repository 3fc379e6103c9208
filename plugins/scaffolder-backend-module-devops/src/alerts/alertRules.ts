import type { AlertRuleOptions } from './alertOptions';
import { ruleCatalog, type RuleDefinition } from './ruleCatalog';
import { SEVERITY_OF_PRIORITY } from './severity';

/**
 * Prometheus alert rules for a generated service, as data. Label and
 * annotation names follow what the DevOps backend routes and shows:
 * `severity` (mapped to P0-P3), `backstage_entity` (routes to the entity),
 * `service` (the catalog's `devops/alert-selector`), `team` (routes pages),
 * `summary`, `description` and `runbook_url`.
 */
export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function ruleLabels(o: AlertRuleOptions, rule: RuleDefinition) {
  return {
    severity: SEVERITY_OF_PRIORITY[rule.priority],
    service: o.service,
    backstage_entity: o.entityRef,
    team: o.team,
  };
}

function ruleAnnotations(o: AlertRuleOptions, rule: RuleDefinition) {
  return {
    summary: rule.summary,
    description: rule.description,
    runbook_url: `${o.runbookUrl}#${rule.alert.toLowerCase()}`,
  };
}

export function alertRules(o: AlertRuleOptions): {
  groups: Array<{ name: string; rules: AlertRule[] }>;
} {
  const rules = ruleCatalog(o).map(rule => ({
    alert: rule.alert,
    expr: rule.expr,
    for: rule.for,
    labels: ruleLabels(o, rule),
    annotations: ruleAnnotations(o, rule),
  }));
  return { groups: [{ name: `${o.service}.rules`, rules }] };
}

// What Prometheus makes of `{{ $labels.name }}` for the test's series.
const expand = (text: string, labels: Record<string, string>) =>
  text.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name) => labels[name] ?? '');

/**
 * A `promtool test rules` file with two cases per rule: series that make
 * it fire, with every label and annotation the alert must carry, and
 * series just on the good side of the threshold that keep it quiet.
 */
export function alertRuleTests(o: AlertRuleOptions, rulesFile: string) {
  return {
    rule_files: [rulesFile],
    evaluation_interval: '1m',
    tests: ruleCatalog(o).flatMap(rule => {
      const annotations = ruleAnnotations(o, rule);
      return [
        {
          name: `${rule.alert} fires`,
          interval: '1m',
          input_series: rule.fires.series,
          alert_rule_test: [
            {
              eval_time: rule.fires.evalTime,
              alertname: rule.alert,
              exp_alerts: [
                {
                  exp_labels: { ...rule.fires.labels, ...ruleLabels(o, rule) },
                  exp_annotations: {
                    ...annotations,
                    description: expand(
                      annotations.description,
                      rule.fires.labels,
                    ),
                  },
                },
              ],
            },
          ],
        },
        {
          name: `${rule.alert} stays quiet`,
          interval: '1m',
          input_series: rule.quiet.series,
          alert_rule_test: [
            {
              eval_time: rule.quiet.evalTime,
              alertname: rule.alert,
              exp_alerts: [],
            },
          ],
        },
      ];
    }),
  };
}
