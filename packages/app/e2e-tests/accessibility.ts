import AxeBuilder from '@axe-core/playwright';
import { expect, Page, TestInfo } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';

/**
 * Every card and page of the DevOps plugin renders inside an element with
 * this attribute (its error boundary), so a violation can be told apart from
 * one in Backstage's own chrome (sidebar, header, stock catalog cards).
 */
export const DEVOPS_COMPONENT = '[data-devops-component]';

/**
 * Rules axe does not run, each with the reason. Only Backstage chrome may be
 * exempt; nothing of ours is.
 */
export const EXCLUDED_RULES: Record<string, string> = {};

export type Theme = 'light' | 'dark';

/** Backstage's app theme API reads the chosen theme from local storage. */
export async function useTheme(page: Page, theme: Theme) {
  await page.addInitScript(id => {
    window.localStorage.setItem('theme', id);
  }, theme);
}

interface Finding {
  rule: string;
  impact: string;
  help: string;
  target: string;
  html: string;
  summary: string;
}

/**
 * Runs axe on the whole page and returns the serious or critical violations
 * whose node lies inside one of our components. All violations, ours and the
 * chrome's, are saved with the test results.
 */
export async function auditDevopsAccessibility(
  page: Page,
  testInfo: TestInfo,
  name: string,
): Promise<Finding[]> {
  const builder = new AxeBuilder({ page });
  const excluded = Object.keys(EXCLUDED_RULES);
  if (excluded.length) {
    builder.disableRules(excluded);
  }
  const results = await builder.analyze();

  const ours: Finding[] = [];
  const chrome: Finding[] = [];
  for (const violation of results.violations) {
    for (const node of violation.nodes) {
      const target = node.target.map(String).join(' ');
      const inside = await page.evaluate(
        ([selector, marker]) => {
          const element = document.querySelector(selector);
          return element !== null && element.closest(marker) !== null;
        },
        [String(node.target[0]), DEVOPS_COMPONENT] as const,
      );
      const finding = {
        rule: violation.id,
        impact: node.impact ?? violation.impact ?? 'unknown',
        help: violation.help,
        target,
        html: node.html,
        summary: node.failureSummary ?? '',
      };
      (inside ? ours : chrome).push(finding);
    }
  }

  const report = {
    name,
    url: page.url(),
    ours,
    chrome,
    excluded: EXCLUDED_RULES,
  };
  await mkdir('test-results/e2e', { recursive: true });
  await writeFile(
    `test-results/e2e/axe-${name}.json`,
    JSON.stringify(report, null, 2),
  );
  await testInfo.attach(`axe-${name}`, {
    body: JSON.stringify(report, null, 2),
    contentType: 'application/json',
  });
  return ours.filter(f => f.impact === 'serious' || f.impact === 'critical');
}

/** Fails with the rule, node and axe's explanation of each finding. */
export function expectNoSeriousViolations(findings: Finding[]) {
  expect(
    findings.map(f => `${f.rule} (${f.impact}) at ${f.target}: ${f.summary}`),
  ).toEqual([]);
}
