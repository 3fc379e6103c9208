import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import type { RenderedFile } from '../render/TemplateRenderer';
import { isGithubWorkflow } from './actionlint';
import { isGitlabPipeline } from './gitlab';
import { parseYamlSource, type YamlSource } from './yamlSource';

/** Shell embedded in a file, with the file line of each script line. */
export interface EmbeddedScript {
  file: string;
  /** Where in the file, for the report: `jobs.build.steps[2].run`. */
  where: string;
  source: string;
  /**
   * lines[i] is the file line of the script's line i + 1 and, for block
   * scalars, the indentation to add to shellcheck's column.
   */
  lines: Array<{ line: number; indent?: number }>;
}

function scalarLines(
  node: Scalar,
  text: string,
  source: YamlSource,
): EmbeddedScript['lines'] {
  const first = source.lineOf(node.range![0]);
  const count = text.split('\n').length;
  if (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED) {
    return Array.from({ length: count }, () => ({ line: first }));
  }
  // A block scalar's text starts on the line after its `|` or `>`.
  return Array.from({ length: count }, (_, i) => {
    const line = first + 1 + i;
    const indent = /^ */.exec(source.lineText(line))![0].length;
    return { line, indent };
  });
}

// GitHub substitutes ${{ }} before the shell runs; shellcheck sees a word.
const withoutExpressions = (text: string) =>
  text.replace(/\$\{\{[^}]*\}\}/g, 'GITHUB_EXPRESSION');

function fromGithubWorkflow(file: RenderedFile): EmbeddedScript[] {
  const source = parseYamlSource(file.content.toString('utf8'));
  const scripts: EmbeddedScript[] = [];
  const document = source.documents[0];
  const jobs = document?.get('jobs', true);
  if (!isMap(jobs)) {
    return scripts;
  }
  const defaultShell = document.getIn(['defaults', 'run', 'shell']);
  for (const job of jobs.items) {
    const jobName = String((job.key as any)?.value ?? job.key);
    if (!isMap(job.value)) {
      continue;
    }
    const jobShell =
      job.value.getIn(['defaults', 'run', 'shell']) ?? defaultShell;
    const steps = job.value.get('steps', true);
    if (!isSeq(steps)) {
      continue;
    }
    steps.items.forEach((step, index) => {
      if (!isMap(step)) {
        return;
      }
      const run = step.get('run', true);
      const shell = String(step.get('shell') ?? jobShell ?? 'bash');
      if (!isScalar(run) || typeof run.value !== 'string' || !run.range) {
        return;
      }
      if (!/^(bash|sh)\b/.test(shell)) {
        return;
      }
      scripts.push({
        file: file.path,
        where: `jobs.${jobName}.steps[${index}].run`,
        source: withoutExpressions(run.value),
        lines: scalarLines(run, run.value, source),
      });
    });
  }
  return scripts;
}

const GITLAB_SCRIPT_KEYS = ['before_script', 'script', 'after_script'];

function fromGitlabPipeline(file: RenderedFile): EmbeddedScript[] {
  const source = parseYamlSource(file.content.toString('utf8'));
  const document = source.documents[0];
  const root = document?.contents;
  const scripts: EmbeddedScript[] = [];
  if (!isMap(root)) {
    return scripts;
  }
  const collect = (owner: string, node: unknown) => {
    if (!isMap(node)) {
      return;
    }
    for (const key of GITLAB_SCRIPT_KEYS) {
      const value = node.get(key, true) as Node | undefined;
      const items = isSeq(value) ? value.items : [value];
      const parts: string[] = [];
      const lines: EmbeddedScript['lines'] = [];
      for (const item of items) {
        if (isScalar(item) && typeof item.value === 'string' && item.range) {
          parts.push(item.value);
          lines.push(...scalarLines(item, item.value, source));
        }
      }
      if (parts.length > 0) {
        scripts.push({
          file: file.path,
          where: owner ? `${owner}.${key}` : key,
          source: parts.join('\n'),
          lines,
        });
      }
    }
  };
  collect('', root);
  for (const pair of root.items) {
    collect(String((pair.key as any)?.value ?? pair.key), pair.value);
  }
  return scripts;
}

/** The shell in GitHub `run:` blocks and GitLab `script:` sections. */
export function extractEmbeddedScripts(files: RenderedFile[]) {
  return files.flatMap(file => {
    if (isGithubWorkflow(file.path)) {
      return fromGithubWorkflow(file);
    }
    if (isGitlabPipeline(file.path)) {
      return fromGitlabPipeline(file);
    }
    return [];
  });
}
