import type { Finding, RenderedWorkspace } from '../../Finding';
import { readAlertFiles } from './alertRuleFiles';

/**
 * Every alerting rule has a promtool test case in which it fires and one in
 * which it stays quiet, in a test file that loads its rule file. promtool
 * runs the cases (validators/promtool.ts); this makes sure they exist, so a
 * rule nobody has seen fire cannot ship.
 */
export async function validateAlertTestCoverage(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const { rules, cases } = readAlertFiles(workspace);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const mine = cases.filter(
      c => c.alertname === rule.alert && c.ruleFiles.includes(rule.file),
    );
    if (!mine.some(c => c.fires)) {
      findings.push({
        file: rule.file,
        line: rule.line,
        rule: 'alert-tests/no-firing-case',
        message: `Alert ${rule.alert} has no promtool test case in which it fires (an alert_rule_test with exp_alerts, in a test file that loads ${rule.file}).`,
        severity: 'error',
      });
    }
    if (!mine.some(c => !c.fires)) {
      findings.push({
        file: rule.file,
        line: rule.line,
        rule: 'alert-tests/no-quiet-case',
        message: `Alert ${rule.alert} has no promtool test case in which it stays quiet (an alert_rule_test with empty exp_alerts), so nothing shows its threshold keeps healthy series silent.`,
        severity: 'error',
      });
    }
  }
  return findings;
}
