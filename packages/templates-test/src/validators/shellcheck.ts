import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, RenderedWorkspace } from '../Finding';
import type { RenderedFile } from '../render/TemplateRenderer';
import { extractEmbeddedScripts } from './shellScripts';
import { runTool, ToolMissingError } from './runTool';

const isShellScript = (file: RenderedFile) => {
  if (file.path.endsWith('.sh')) {
    return true;
  }
  const head = file.content.subarray(0, 64).toString('utf8');
  return file.executable && /^#!.*\b(ba)?sh\b/.test(head);
};

interface ShellcheckComment {
  file: string;
  line: number;
  column: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
}

/**
 * shellcheck (Debian's) on every shell script in the rendering and on the
 * shell embedded in CI files: GitHub `run:` blocks and GitLab `script:`
 * sections, reported at their line in the CI file. Warnings count as
 * errors: in generated scripts they are bugs (unquoted expansions,
 * unreachable code, unset variables).
 */
export async function validateWithShellcheck(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const scripts = workspace.files.filter(isShellScript).map(f => f.path);
  const embedded = extractEmbeddedScripts(workspace.files);
  if (scripts.length === 0 && embedded.length === 0) {
    return [];
  }
  const scratch = await mkdtemp(join(tmpdir(), 'templates-test-sh-'));
  try {
    const embeddedPaths = await Promise.all(
      embedded.map(async (script, index) => {
        const path = join(scratch, `embedded-${index}.sh`);
        // The shebang line tells shellcheck the dialect; runners use bash.
        await writeFile(path, `#!/usr/bin/env bash\n${script.source}\n`);
        return path;
      }),
    );
    const { stdout, stderr } = await runTool(
      'shellcheck',
      ['--format=json1', '--severity=warning', ...scripts, ...embeddedPaths],
      { cwd: workspace.dir },
    );
    if (!stdout.trim()) {
      throw new Error(`shellcheck gave no answer: ${stderr.trim()}`);
    }
    const comments: ShellcheckComment[] = JSON.parse(stdout).comments;
    return comments.map(comment => {
      const index = embeddedPaths.indexOf(comment.file);
      const base = {
        column: comment.column,
        rule: `shellcheck/SC${comment.code}`,
        severity: 'error' as const,
      };
      if (index < 0) {
        return {
          ...base,
          file: comment.file,
          line: comment.line,
          message: comment.message,
        };
      }
      const script = embedded[index];
      // Line 1 is the added shebang.
      const at =
        script.lines[Math.min(comment.line - 2, script.lines.length - 1)];
      return {
        ...base,
        file: script.file,
        line: at.line,
        column:
          at.indent === undefined ? undefined : at.indent + comment.column,
        message: `${comment.message} (in ${script.where})`,
      };
    });
  } catch (error) {
    if (error instanceof ToolMissingError) {
      return [error.finding(scripts[0] ?? embedded[0].file)];
    }
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
