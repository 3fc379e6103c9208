import { parse } from 'yaml';
import type { RenderedWorkspace } from '../../Finding';
import { isGithubWorkflow } from '../actionlint';
import { isGitlabPipeline } from '../gitlab';

/** A step of a job: a GitHub step, or one line of a GitLab script. */
export interface PipelineStep {
  /** GitHub's step condition. */
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
  env?: Record<string, string>;
}

/** A CI job, GitHub's or GitLab's, as the delivery rules read it. */
export interface PipelineJob {
  provider: 'github' | 'gitlab';
  file: string;
  name: string;
  environment?: string;
  needs: string[];
  steps: PipelineStep[];
  /** GitLab: starts only when a person starts it (`when: manual`). */
  manual: boolean;
  /** GitLab: the paths its artifacts keep. */
  artifacts: string[];
  /**
   * Whether the job runs for a change proposed for review (GitHub's
   * `pull_request`, GitLab's merge request pipelines), as far as its
   * triggers and conditions show.
   */
  runsOnReview: boolean;
  env: Record<string, string>;
}

function environmentName(environment: unknown): string | undefined {
  if (typeof environment === 'string') {
    return environment;
  }
  const name = (environment as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

const list = (value: unknown): string[] =>
  value === undefined ? [] : [value].flat().map(String);

const githubTriggers = (on: unknown): string[] => {
  if (typeof on === 'string') {
    return [on];
  }
  if (Array.isArray(on)) {
    return on.map(String);
  }
  return on && typeof on === 'object' ? Object.keys(on) : [];
};

// A condition that only holds outside review: on the default branch, on a
// push, or anything but a pull request.
export const excludesReview = (condition: unknown) =>
  typeof condition === 'string' &&
  /(!=\s*'pull_request'|==\s*'push'|refs\/heads\/main|\$CI_COMMIT_BRANCH\s*==\s*\$CI_DEFAULT_BRANCH)/.test(
    condition,
  );

// Without workflow rules GitLab runs a pipeline for every pushed branch,
// the branches of merge requests included; with them, one rule must admit
// merge requests or branches other than the default one.
const gitlabRunsOnMergeRequests = (rules: unknown) =>
  !Array.isArray(rules) ||
  rules.some(
    r =>
      r?.when !== 'never' &&
      (String(r?.if ?? '').includes('merge_request_event') ||
        !excludesReview(r?.if)),
  );

/** The jobs of every GitHub workflow and GitLab pipeline in a rendering. */
export function pipelineJobs(workspace: RenderedWorkspace): PipelineJob[] {
  const jobs: PipelineJob[] = [];
  for (const file of workspace.files) {
    let document: any;
    try {
      document = parse(file.content.toString('utf8'));
    } catch {
      continue; // The syntax validators report it.
    }
    if (isGithubWorkflow(file.path) && document?.jobs) {
      for (const [name, job] of Object.entries<any>(document.jobs)) {
        jobs.push({
          provider: 'github',
          file: file.path,
          name,
          environment: environmentName(job?.environment),
          needs: list(job?.needs),
          steps: (job?.steps ?? []).map((step: any) => ({
            if: step?.if === undefined ? undefined : String(step.if),
            uses: step?.uses,
            with: step?.with,
            run: step?.run,
            env: step?.env,
          })),
          manual: false,
          artifacts: [],
          runsOnReview:
            githubTriggers(document.on).includes('pull_request') &&
            !excludesReview(job?.if),
          env: { ...document.env, ...job?.env },
        });
      }
    } else if (isGitlabPipeline(file.path) && document) {
      for (const [name, job] of Object.entries<any>(document)) {
        if (!job || typeof job !== 'object' || Array.isArray(job)) {
          continue;
        }
        if (!('script' in job) || name.startsWith('.')) {
          continue;
        }
        const rules: any[] = Array.isArray(job.rules) ? job.rules : [];
        jobs.push({
          provider: 'gitlab',
          file: file.path,
          name,
          environment: environmentName(job.environment),
          needs: list(job.needs).map(n =>
            typeof n === 'string' ? n : String((n as any)?.job),
          ),
          steps: ['before_script', 'script'].flatMap(key =>
            list(job[key]).map(run => ({ run })),
          ),
          manual:
            job.when === 'manual' ||
            (rules.length > 0 && rules.every(r => r?.when === 'manual')),
          artifacts: list(job.artifacts?.paths),
          runsOnReview:
            gitlabRunsOnMergeRequests(document.workflow?.rules) &&
            (rules.length === 0 ||
              rules.some(r => r?.when !== 'never' && !excludesReview(r?.if))),
          env: { ...document.variables, ...job.variables },
        });
      }
    }
  }
  return jobs;
}

/** `registry/name` of an image reference, without its tag or digest. */
export function imageRepository(reference: string): string {
  const withoutDigest = reference.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/** Replaces `$NAME` and `${NAME}` defined in the step's or job's env. */
export function resolveVariables(
  text: string,
  env: Record<string, string>,
): string {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name) =>
    env[name] !== undefined ? String(env[name]) : whole,
  );
}
