import { posix } from 'node:path';
import type { RenderedWorkspace } from '../../Finding';
import { isYamlFile, parseYamlSource } from '../yamlSource';

/** An alerting rule as written in a rule file. */
export interface AlertingRule {
  file: string;
  line: number;
  alert: string;
  expr: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
}

/** One `alert_rule_test` case of a promtool test file. */
export interface AlertTestCase {
  file: string;
  line: number;
  alertname: string;
  /** The case expects the alert to fire (a non-empty `exp_alerts`). */
  fires: boolean;
  /** Rule files the case's test file loads, relative to the rendering. */
  ruleFiles: string[];
}

/**
 * The alerting rules and promtool test cases of a rendering: every YAML file
 * with rule `groups`, and every file with `rule_files` and `tests`.
 */
export function readAlertFiles(workspace: RenderedWorkspace) {
  const rules: AlertingRule[] = [];
  const cases: AlertTestCase[] = [];
  for (const file of workspace.files.filter(f => isYamlFile(f.path))) {
    const source = parseYamlSource(file.content.toString('utf8'));
    const document = source.documents[0];
    if (!document || document.errors.length > 0) {
      continue;
    }
    const data = document.toJS() as any;
    if (Array.isArray(data?.groups)) {
      data.groups.forEach((group: any, g: number) =>
        (Array.isArray(group?.rules) ? group.rules : []).forEach(
          (rule: any, r: number) => {
            if (typeof rule?.alert !== 'string') {
              return; // recording rules
            }
            rules.push({
              file: file.path,
              line: source.lineAt(document, ['groups', g, 'rules', r, 'alert']),
              alert: rule.alert,
              expr: String(rule.expr ?? ''),
              annotations: rule.annotations ?? {},
              labels: rule.labels ?? {},
            });
          },
        ),
      );
    }
    if (Array.isArray(data?.rule_files) && Array.isArray(data?.tests)) {
      const dir = posix.dirname(file.path);
      const ruleFiles = data.rule_files.map((p: string) =>
        posix.normalize(posix.join(dir, String(p))),
      );
      data.tests.forEach((test: any, t: number) =>
        (Array.isArray(test?.alert_rule_test)
          ? test.alert_rule_test
          : []
        ).forEach((c: any, i: number) =>
          cases.push({
            file: file.path,
            line: source.lineAt(document, ['tests', t, 'alert_rule_test', i]),
            alertname: String(c?.alertname ?? ''),
            fires: Array.isArray(c?.exp_alerts) && c.exp_alerts.length > 0,
            ruleFiles,
          }),
        ),
      );
    }
  }
  return { rules, cases };
}
