import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { Finding, RenderedWorkspace } from '../Finding';
import { runTool, ToolMissingError } from './runTool';
import { isYamlFile } from './yamlSource';

function kindOf(text: string): 'rules' | 'tests' | undefined {
  let data: any;
  try {
    data = parse(text);
  } catch {
    // yamllint reports files that do not parse.
    return undefined;
  }
  if (
    Array.isArray(data?.groups) &&
    data.groups.some((g: any) => Array.isArray(g?.rules))
  ) {
    return 'rules';
  }
  if (Array.isArray(data?.rule_files) && Array.isArray(data?.tests)) {
    return 'tests';
  }
  return undefined;
}

// `path:12:3: message` lines in promtool's answer.
const LOCATED = /^\s*(\S+?):\s*(\d+):(\d+):\s*(.*)$/;

function toFindings(file: string, rule: string, output: string): Finding[] {
  const lines = output.split('\n').map(l => l.trimEnd());
  const located = lines
    .map(line => LOCATED.exec(line))
    .filter((m): m is RegExpExecArray => Boolean(m));
  if (located.length > 0) {
    return located.map(m => ({
      file,
      line: Number(m[2]),
      column: Number(m[3]),
      rule,
      message: m[4],
      severity: 'error' as const,
    }));
  }
  const failed = lines.findIndex(l => /FAILED/.test(l));
  const message = lines
    .slice(failed >= 0 ? failed + 1 : 0)
    .filter(Boolean)
    .join('\n')
    .trim();
  return [{ file, rule, message: message || output.trim(), severity: 'error' }];
}

/**
 * promtool (Debian's prometheus package) on alerting and recording rules:
 * `promtool check rules` on every rule file and `promtool test rules` on
 * every rule unit test file the rendering contains.
 */
export async function validateWithPromtool(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of workspace.files.filter(f => isYamlFile(f.path))) {
    const kind = kindOf(file.content.toString('utf8'));
    if (!kind) {
      continue;
    }
    const absolute = join(workspace.dir, file.path);
    try {
      const { code, stdout, stderr } =
        kind === 'rules'
          ? await runTool('promtool', ['check', 'rules', absolute])
          : // Test files name their rule files relative to themselves.
            await runTool('promtool', ['test', 'rules', absolute], {
              cwd: dirname(absolute),
            });
      if (code !== 0) {
        const output = `${stdout}\n${stderr}`
          .split(`${workspace.dir}/`)
          .join('');
        findings.push(
          ...toFindings(
            file.path,
            `promtool/${kind === 'rules' ? 'check-rules' : 'test-rules'}`,
            output,
          ),
        );
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
