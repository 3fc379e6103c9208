import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Finding, RenderedWorkspace } from '../Finding';
import { runTool, ToolMissingError } from './runTool';
import { isYamlFile } from './yamlSource';

/**
 * yamllint's default rules, relaxed where generated and CI files
 * legitimately differ: no `---` required, GitHub's `on:` key allowed,
 * long lines a warning from 160 characters.
 */
export const DEFAULT_YAMLLINT_CONFIG = stringify({
  extends: 'default',
  rules: {
    'document-start': 'disable',
    'line-length': { max: 160, level: 'warning' },
    truthy: { 'check-keys': false },
    comments: { 'min-spaces-from-content': 1 },
    indentation: { spaces: 'consistent', 'indent-sequences': 'consistent' },
  },
});

// `file:line:col: [level] message (rule)` from `yamllint -f parsable`.
const PARSABLE =
  /^(.+?):(\d+):(\d+): \[(error|warning)\] (.*?)(?: \(([\w-]+)\))?$/;

/**
 * yamllint (Debian's) on every YAML file of the rendering, with the
 * templates directory's `.yamllint.yaml` when it has one.
 */
export async function validateWithYamllint(
  workspace: RenderedWorkspace,
  options: { configFile?: string } = {},
): Promise<Finding[]> {
  const files = workspace.files
    .filter(f => isYamlFile(f.path))
    .map(f => f.path);
  if (files.length === 0) {
    return [];
  }
  const config =
    options.configFile && existsSync(options.configFile)
      ? ['-c', options.configFile]
      : ['-d', DEFAULT_YAMLLINT_CONFIG];
  try {
    const { stdout, stderr, code } = await runTool(
      'yamllint',
      ['-f', 'parsable', ...config, ...files],
      { cwd: workspace.dir },
    );
    const findings: Finding[] = [];
    for (const line of stdout.split('\n')) {
      const match = PARSABLE.exec(line.trim());
      if (match) {
        findings.push({
          file: match[1],
          line: Number(match[2]),
          column: Number(match[3]),
          rule: `yamllint/${match[6] ?? 'syntax'}`,
          message: match[5],
          severity: match[4] as 'error' | 'warning',
        });
      }
    }
    if (findings.length === 0 && code !== 0 && code !== 2) {
      throw new Error(`yamllint failed: ${stderr.trim() || stdout.trim()}`);
    }
    return findings;
  } catch (error) {
    if (error instanceof ToolMissingError) {
      return [error.finding(files[0])];
    }
    throw error;
  }
}

export const yamllintConfigIn = (templatesDir: string) =>
  ['.yamllint.yaml', '.yamllint.yml', '.yamllint']
    .map(name => join(templatesDir, name))
    .find(path => existsSync(path));
