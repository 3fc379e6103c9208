import { join } from 'node:path';
import { parse } from 'yaml';
import type { Finding, RenderedWorkspace } from '../../Finding';
import { runTool, ToolMissingError } from '../runTool';
import { isYamlFile } from '../yamlSource';

const isAlertmanagerConfig = (data: any) =>
  data &&
  typeof data === 'object' &&
  data.route &&
  Array.isArray(data.receivers);

// `Checking 'file'  FAILED: undefined receiver "x" used in route`
function amtoolProblem(output: string, dir: string) {
  const failed = output
    .split('\n')
    .map(l => /FAILED: (.*)$/.exec(l)?.[1])
    .filter(Boolean);
  return failed.length > 0
    ? `amtool refuses the configuration: ${failed.join('; ')}`
    : output.split(`${dir}/`).join('').trim();
}

/**
 * `amtool check-config` (Debian's prometheus-alertmanager) on every
 * Alertmanager configuration in the rendering: a file with a `route` and
 * `receivers`.
 */
export async function validateAlertmanagerConfigs(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of workspace.files.filter(f => isYamlFile(f.path))) {
    let data: unknown;
    try {
      data = parse(file.content.toString('utf8'));
    } catch {
      continue; // yamllint reports files that do not parse.
    }
    if (!isAlertmanagerConfig(data)) {
      continue;
    }
    try {
      const { code, stdout, stderr } = await runTool('amtool', [
        'check-config',
        join(workspace.dir, file.path),
      ]);
      if (code !== 0) {
        findings.push({
          file: file.path,
          rule: 'amtool/check-config',
          message: amtoolProblem(`${stdout}\n${stderr}`, workspace.dir),
          severity: 'error',
        });
      }
    } catch (error) {
      if (error instanceof ToolMissingError) {
        return [error.finding(file.path)];
      }
      throw error;
    }
  }
  return findings;
}
