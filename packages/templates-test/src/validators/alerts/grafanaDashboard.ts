import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Finding, RenderedWorkspace } from '../../Finding';
import { runTool, ToolMissingError } from '../runTool';

// Grafana's own variables get a value Prometheus accepts in their place.
const GRAFANA_RANGES = /\$__(rate_interval|interval|range)\b/g;
const VARIABLE = /\$\{(\w+)(?::\w+)?\}|\$(\w+)/g;

interface Query {
  where: string;
  expr: string;
  datasourceUid?: string;
}

function queriesOf(board: any): Query[] {
  const queries: Query[] = [];
  const panels = (board.panels ?? []).flatMap((p: any) => [
    p,
    ...(p.panels ?? []),
  ]);
  for (const panel of panels) {
    for (const target of panel.targets ?? []) {
      if (typeof target?.expr === 'string') {
        queries.push({
          where: `panel "${panel.title}"`,
          expr: target.expr,
          datasourceUid: target.datasource?.uid ?? panel.datasource?.uid,
        });
      }
    }
  }
  for (const annotation of board.annotations?.list ?? []) {
    if (typeof annotation?.expr === 'string') {
      queries.push({
        where: `annotation "${annotation.name}"`,
        expr: annotation.expr,
        datasourceUid: annotation.datasource?.uid,
      });
    }
  }
  return queries;
}

/**
 * Grafana dashboards (JSON with `panels`) as Grafana and Prometheus would
 * take them: a `uid` and `title` so links to them stay stable, every data
 * source variable a query names is declared, and every Prometheus query
 * parses (`promtool check rules` on them as recording rules, with
 * Grafana's variables replaced by values).
 */
export async function validateGrafanaDashboards(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of workspace.files.filter(f => f.path.endsWith('.json'))) {
    let board: any;
    try {
      board = JSON.parse(file.content.toString('utf8'));
    } catch {
      continue;
    }
    if (!Array.isArray(board?.panels)) {
      continue;
    }
    const finding = (rule: string, message: string): Finding => ({
      file: file.path,
      rule: `grafana/${rule}`,
      message,
      severity: 'error',
    });
    if (!board.uid || !board.title) {
      findings.push(
        finding(
          'identity',
          'The dashboard needs a uid and a title, so links to it survive a re-import.',
        ),
      );
    }
    const variables = new Set<string>(
      (board.templating?.list ?? []).map((v: any) => v.name),
    );
    const queries = queriesOf(board);
    for (const q of queries) {
      const variable = /^\$\{?(\w+)\}?$/.exec(q.datasourceUid ?? '')?.[1];
      if (variable && !variables.has(variable)) {
        findings.push(
          finding(
            'datasource',
            `The ${q.where} queries data source $${variable}, which the dashboard does not declare as a variable.`,
          ),
        );
      }
    }
    if (queries.length === 0) {
      continue;
    }
    const dir = await mkdtemp(join(tmpdir(), 'grafana-queries-'));
    try {
      const rulesFile = join(dir, 'queries.yml');
      await writeFile(
        rulesFile,
        stringify({
          groups: [
            {
              name: 'dashboard',
              rules: queries.map((q, i) => ({
                record: `dashboard:query_${i}`,
                expr: q.expr
                  .replace(GRAFANA_RANGES, '5m')
                  .replace(VARIABLE, 'grafana_variable'),
              })),
            },
          ],
        }),
      );
      const { code, stdout, stderr } = await runTool('promtool', [
        'check',
        'rules',
        rulesFile,
      ]);
      if (code !== 0) {
        const output = `${stdout}\n${stderr}`;
        // promtool names the failing rule by its index in the group.
        const failing = [
          ...output.matchAll(/group "dashboard", rule (\d+), "[^"]*": (.*)/g),
        ];
        for (const [, index, message] of failing) {
          const q = queries[Number(index) - 1];
          findings.push(
            finding(
              'query',
              `The ${
                q?.where ?? 'dashboard'
              } query does not parse: ${message.trim()}`,
            ),
          );
        }
        if (failing.length === 0) {
          findings.push(
            finding(
              'query',
              `promtool refuses the dashboard's queries: ${output
                .split(rulesFile)
                .join('queries')
                .trim()}`,
            ),
          );
        }
      }
    } catch (error) {
      if (error instanceof ToolMissingError) {
        findings.push(error.finding(file.path));
      } else {
        throw error;
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return findings;
}
