import {
  imageRepository,
  resolveVariables,
  type PipelineJob,
  type PipelineStep,
} from './pipelineJobs';

/** What a pipeline does with an image. */
export type ImageRole = 'build' | 'push' | 'scan' | 'deploy';

export interface ImageUse {
  job: PipelineJob;
  role: ImageRole;
  /** The full reference, tag included, with the step's variables resolved. */
  reference: string;
  repository: string;
  /** The step's position in the job, to order build before scan. */
  stepIndex: number;
  /** A build whose image is in this job's Docker afterwards. */
  loaded: boolean;
}

// build-push-action leaves the image in the job's Docker only with `load`;
// `docker build` always does.
const loadsLocally = (step: PipelineStep) =>
  step.uses
    ? String(step.with?.load) === 'true'
    : /docker build\b/.test(String(step.run));

const unquote = (word: string) => word.replace(/^["']|["']$/g, '');

// Argument of a flag or the first positional argument in a shell line.
const shellImage = (line: string, pattern: RegExp) =>
  [...line.matchAll(pattern)].map(m => unquote(m[1]));

/** A scan of an image archive (`trivy image --input image.tar`). */
export interface ArchiveScan {
  job: PipelineJob;
  path: string;
  stepIndex: number;
}

/** Where a job writes an image archive (`docker save -o image.tar`). */
export interface ArchiveSave {
  job: PipelineJob;
  path: string;
  stepIndex: number;
}

const lastWord = (text: string) =>
  unquote(text.trim().split(/\s+/).pop() ?? '');

/** Every image the jobs build, push, scan or deploy. */
export function imageUses(jobs: PipelineJob[]): {
  uses: ImageUse[];
  archiveScans: ArchiveScan[];
  archiveSaves: ArchiveSave[];
} {
  const uses: ImageUse[] = [];
  const archiveScans: ArchiveScan[] = [];
  const archiveSaves: ArchiveSave[] = [];
  for (const job of jobs) {
    job.steps.forEach((step, stepIndex) => {
      const env = { ...job.env, ...step.env };
      const add = (role: ImageRole, raw: string) => {
        const reference = resolveVariables(raw.trim(), env);
        if (reference) {
          uses.push({
            job,
            role,
            reference,
            repository: imageRepository(reference),
            stepIndex,
            loaded: role === 'build' && loadsLocally(step),
          });
        }
      };
      const action = step.uses?.split('@')[0];
      if (action === 'docker/build-push-action') {
        for (const tag of String(step.with?.tags ?? '').split(/[\n,]/)) {
          if (tag.trim()) {
            add('build', tag);
            if (String(step.with?.push) === 'true') {
              add('push', tag);
            }
          }
        }
      }
      if (action === 'aquasecurity/trivy-action' && step.with?.['image-ref']) {
        add('scan', String(step.with['image-ref']));
      }
      for (const line of String(step.run ?? '').split('\n')) {
        shellImage(
          line,
          /docker (?:build|buildx build)\b.*?(?:-t|--tag)[ =]("[^"]+"|\S+)/g,
        ).forEach(i => add('build', i));
        shellImage(line, /docker push ("[^"]+"|\S+)/g).forEach(i =>
          add('push', i),
        );
        shellImage(line, /deploy\.sh \S+ ("[^"]+"|\S+)/g).forEach(i =>
          add('deploy', i),
        );
        const save = /docker save\b.*?(?:-o|--output)[ =]("[^"]+"|\S+)/.exec(
          line,
        );
        if (save) {
          archiveSaves.push({ job, path: unquote(save[1]), stepIndex });
        }
        const trivy = /\btrivy image\b(.*)$/.exec(line);
        if (trivy) {
          const input = /--input[ =]("[^"]+"|\S+)/.exec(trivy[1]);
          if (input) {
            archiveScans.push({ job, path: unquote(input[1]), stepIndex });
          } else {
            add('scan', lastWord(trivy[1]));
          }
        }
      }
    });
  }
  return { uses, archiveScans, archiveSaves };
}
