import type { Finding, RenderedWorkspace } from '../../Finding';
import { imageUses, type ImageRole } from './imageRoles';
import { excludesReview, pipelineJobs, type PipelineJob } from './pipelineJobs';

const PRODUCTION = 'production';

const VERB: Record<ImageRole, string> = {
  build: 'builds',
  push: 'pushes',
  scan: 'scans',
  deploy: 'deploys',
};

const finding = (job: PipelineJob, rule: string, message: string): Finding => ({
  file: job.file,
  rule,
  message: `Job \`${job.name}\` ${message}`,
  severity: 'error',
});

/**
 * The image a pipeline builds is the one it pushes, scans and deploys
 * (`pipeline/image-consistency`), pushed to the registry it logs in to
 * (`pipeline/registry-login`).
 */
function imageConsistency(jobs: PipelineJob[]): Finding[] {
  const findings: Finding[] = [];
  const { uses } = imageUses(jobs);
  for (const file of new Set(jobs.map(j => j.file))) {
    const inFile = uses.filter(u => u.job.file === file);
    const built = inFile.find(u => u.role === 'build');
    if (!built) {
      continue;
    }
    for (const use of inFile) {
      if (use.repository !== built.repository) {
        findings.push(
          finding(
            use.job,
            'pipeline/image-consistency',
            `${VERB[use.role]} \`${use.repository}\`, but \`${
              built.job.name
            }\` builds \`${
              built.repository
            }\`: build, push, scan and deploy must name one image`,
          ),
        );
      }
    }
  }
  for (const job of jobs) {
    const logins = job.steps.flatMap(step => {
      if (step.uses?.startsWith('docker/login-action')) {
        return [String(step.with?.registry ?? 'docker.io')];
      }
      const login = /docker login\b.*\s("[^"]+"|\S+)\s*$/.exec(
        String(step.run ?? ''),
      );
      return login ? [login[1].replace(/^"|"$/g, '')] : [];
    });
    if (logins.length === 0) {
      continue;
    }
    for (const push of uses.filter(u => u.job === job && u.role === 'push')) {
      const registry = push.repository.split('/')[0];
      const loggedIn = logins.some(
        login =>
          login === registry ||
          // GitLab's $CI_REGISTRY_IMAGE lives in $CI_REGISTRY.
          (login === '$CI_REGISTRY' &&
            push.repository.startsWith('$CI_REGISTRY')),
      );
      if (!loggedIn) {
        findings.push(
          finding(
            job,
            'pipeline/registry-login',
            `pushes \`${push.repository}\` but logs in to ${logins
              .map(l => `\`${l}\``)
              .join(', ')} only: the push is refused`,
          ),
        );
      }
    }
  }
  return findings;
}

/**
 * Trivy scans an image that exists in its job: built into the job's
 * Docker before the scan (`load: true` for build-push-action), or an
 * archive the job or one it needs wrote (`pipeline/scan-target`); and it
 * scans proposed changes, not only main (`pipeline/scan-on-review`).
 */
function scanTargets(jobs: PipelineJob[]): Finding[] {
  const findings: Finding[] = [];
  const { uses, archiveScans, archiveSaves } = imageUses(jobs);
  for (const scan of uses.filter(u => u.role === 'scan')) {
    const built = uses.some(
      u =>
        u.job === scan.job &&
        u.role === 'build' &&
        u.loaded &&
        u.reference === scan.reference &&
        u.stepIndex < scan.stepIndex,
    );
    if (!built) {
      findings.push(
        finding(
          scan.job,
          'pipeline/scan-target',
          `scans \`${scan.reference}\`, which no earlier step of the job builds into its Docker (build-push-action needs \`load: true\`): Trivy has no image to scan`,
        ),
      );
    }
  }
  // The scan is the check of a proposed change too: it must run there.
  const scans = [...uses.filter(u => u.role === 'scan'), ...archiveScans];
  for (const scan of scans) {
    const step = scan.job.steps[scan.stepIndex];
    if (!scan.job.runsOnReview || excludesReview(step?.if)) {
      findings.push(
        finding(
          scan.job,
          'pipeline/scan-on-review',
          'does not scan the image of a pull or merge request: the scan must run on proposed changes as well as on main',
        ),
      );
    }
  }
  for (const scan of archiveScans) {
    const needed = jobs.filter(
      j => j.file === scan.job.file && scan.job.needs.includes(j.name),
    );
    const available =
      archiveSaves.some(
        s =>
          s.job === scan.job &&
          s.path === scan.path &&
          s.stepIndex < scan.stepIndex,
      ) ||
      needed.some(
        j =>
          j.artifacts.includes(scan.path) &&
          archiveSaves.some(s => s.job === j && s.path === scan.path),
      );
    if (!available) {
      findings.push(
        finding(
          scan.job,
          'pipeline/scan-target',
          `scans the archive \`${scan.path}\`, which neither the job nor a job it needs saves as an artifact: Trivy has no image to scan`,
        ),
      );
    }
  }
  return findings;
}

const deploysTo = (job: PipelineJob, environment: string) =>
  job.environment === environment ||
  job.steps.some(s =>
    new RegExp(`deploy\\.sh ${environment}\\b`).test(String(s.run ?? '')),
  );

/**
 * Production waits for a person (`pipeline/production-gate`): on GitHub
 * the job names the `production` environment and the template creates it
 * with required reviewers; on GitLab the job, or a job it needs, is manual.
 */
function productionGate(
  jobs: PipelineJob[],
  template: RenderedWorkspace['template'],
): Finding[] {
  const findings: Finding[] = [];
  const steps: any[] = (template as any)?.spec?.steps ?? [];
  const createsProduction = steps.some(
    s =>
      s?.action === 'github:environment:create' &&
      s?.input?.name === PRODUCTION &&
      s?.input?.reviewers !== undefined &&
      !(Array.isArray(s.input.reviewers) && s.input.reviewers.length === 0),
  );
  for (const job of jobs.filter(j => deploysTo(j, PRODUCTION))) {
    if (job.provider === 'github') {
      if (job.environment !== PRODUCTION) {
        findings.push(
          finding(
            job,
            'pipeline/production-gate',
            'deploys to production without `environment: production`, so no reviewer approves it',
          ),
        );
      } else if (template && !createsProduction) {
        findings.push(
          finding(
            job,
            'pipeline/production-gate',
            'waits on the `production` environment, but the template does not create it with reviewers (github:environment:create with `reviewers`): GitHub creates it unprotected and the job runs straight away',
          ),
        );
      }
      continue;
    }
    const byName = new Map(
      jobs.filter(j => j.file === job.file).map(j => [j.name, j]),
    );
    const gated = (candidate: PipelineJob, seen: Set<string>): boolean =>
      candidate.manual ||
      candidate.needs.some(name => {
        const other = byName.get(name);
        if (!other || seen.has(name)) {
          return false;
        }
        seen.add(name);
        return gated(other, seen);
      });
    if (!gated(job, new Set())) {
      findings.push(
        finding(
          job,
          'pipeline/production-gate',
          'deploys to production, but neither it nor a job it needs is manual (`when: manual`): it runs without anybody starting it',
        ),
      );
    }
  }
  return findings;
}

/** The delivery rules on the rendering's GitHub workflows and GitLab pipeline. */
export async function validatePipelineDelivery(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const jobs = pipelineJobs(workspace);
  return [
    ...imageConsistency(jobs),
    ...scanTargets(jobs),
    ...productionGate(jobs, workspace.template),
  ];
}
