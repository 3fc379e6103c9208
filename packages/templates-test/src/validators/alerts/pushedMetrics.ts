import type { RenderedWorkspace } from '../../Finding';

// The Pushgateway's API path a push goes to.
const PUSH_PATH = '/metrics/job/';
const TYPE_LINE = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) /gm;

/**
 * Metrics a generated script pushes to a Pushgateway, by script: a file
 * under `.devops/` that sends to the Pushgateway API and declares the
 * metric with a `# TYPE` line of the text it pushes. A batch job that runs
 * outside the cluster, such as the pipeline's migrations, can only be
 * watched through what it pushes.
 */
export function pushedMetrics(
  workspace: RenderedWorkspace,
): Map<string, string> {
  const pushed = new Map<string, string>();
  for (const file of workspace.files) {
    if (!file.path.startsWith('.devops/')) {
      continue;
    }
    const text = file.content.toString('utf8');
    if (!text.includes(PUSH_PATH)) {
      continue;
    }
    for (const [, metric] of text.matchAll(TYPE_LINE)) {
      pushed.set(metric, file.path);
    }
  }
  return pushed;
}
