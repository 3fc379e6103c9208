import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Finding, RenderedWorkspace } from '../Finding';
import { parseYamlSource } from './yamlSource';

export const isGitlabPipeline = (path: string) =>
  /^(.*\/)?\.gitlab-ci\.ya?ml$/.test(path);

// Keywords from GitLab's CI/CD YAML reference.
const GLOBAL_KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
]);
const JOB_KEYWORDS = new Set([
  'after_script',
  'allow_failure',
  'artifacts',
  'before_script',
  'cache',
  'coverage',
  'dast_configuration',
  'dependencies',
  'environment',
  'except',
  'extends',
  'hooks',
  'id_tokens',
  'identity',
  'image',
  'inherit',
  'interruptible',
  'manual_confirmation',
  'needs',
  'only',
  'pages',
  'parallel',
  'release',
  'resource_group',
  'retry',
  'rules',
  'run',
  'script',
  'secrets',
  'services',
  'stage',
  'start_in',
  'tags',
  'timeout',
  'trigger',
  'variables',
  'when',
]);
const RULE_KEYWORDS = new Set([
  'if',
  'changes',
  'exists',
  'when',
  'allow_failure',
  'variables',
  'needs',
  'start_in',
  'interruptible',
]);
const WHEN = new Set([
  'on_success',
  'on_failure',
  'always',
  'manual',
  'delayed',
  'never',
]);
const ENVIRONMENT_KEYWORDS = new Set([
  'name',
  'url',
  'on_stop',
  'action',
  'auto_stop_in',
  'kubernetes',
  'deployment_tier',
]);
const DEFAULT_STAGES = ['build', 'test', 'deploy'];

const keyOf = (pair: { key: unknown }) =>
  String(isScalar(pair.key) ? pair.key.value : pair.key);

/**
 * A structural check of `.gitlab-ci.yml` against GitLab's keyword
 * reference: known keywords only, every job runs something, stages exist,
 * `needs` and `dependencies` name jobs in the same or an earlier stage,
 * `when`, `rules` and `environment` are well formed, scripts are strings.
 * (GitLab's own JSON schema is not published as a package.)
 */
export async function validateGitlabPipelines(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of workspace.files.filter(f => isGitlabPipeline(f.path))) {
    const source = parseYamlSource(file.content.toString('utf8'));
    const report = (
      node: Node | undefined | null,
      message: string,
      rule: string,
    ) =>
      findings.push({
        file: file.path,
        line: node?.range ? source.lineOf(node.range[0]) : undefined,
        rule: `gitlab-ci/${rule}`,
        message,
        severity: 'error',
      });
    const document = source.documents[0];
    if (!document || document.errors.length > 0) {
      for (const error of document?.errors ?? []) {
        findings.push({
          file: file.path,
          line: error.linePos?.[0].line,
          rule: 'gitlab-ci/yaml',
          message: error.message,
          severity: 'error',
        });
      }
      continue;
    }
    const root = document.contents;
    if (!isMap(root)) {
      report(
        root,
        'The pipeline must be a mapping of keywords and jobs',
        'structure',
      );
      continue;
    }

    const stagesNode = root.get('stages', true) as Node | undefined;
    let stages = DEFAULT_STAGES;
    if (stagesNode) {
      if (
        isSeq(stagesNode) &&
        stagesNode.items.every(i => isScalar(i) && typeof i.value === 'string')
      ) {
        stages = stagesNode.items.map(i => String((i as any).value));
      } else {
        report(stagesNode, '`stages` must be a list of stage names', 'stages');
      }
    }
    const stageOrder = ['.pre', ...stages, '.post'];

    const jobs = new Map<string, YAMLMap>();
    const hidden = new Map<string, YAMLMap>();
    for (const pair of root.items) {
      const name = keyOf(pair);
      if (GLOBAL_KEYWORDS.has(name)) {
        continue;
      }
      if (!isMap(pair.value)) {
        report(
          pair.key as Node,
          `\`${name}\` is neither a global keyword nor a job (a job is a mapping)`,
          'unknown-keyword',
        );
        continue;
      }
      (name.startsWith('.') ? hidden : jobs).set(name, pair.value);
    }
    if (jobs.size === 0) {
      report(root, 'The pipeline defines no jobs', 'no-jobs');
    }

    const keysWithExtends = (
      job: YAMLMap,
      seen = new Set<YAMLMap>(),
    ): Set<string> => {
      const keys = new Set(job.items.map(keyOf));
      const extended = job.get('extends');
      for (const parent of [extended].flat()) {
        const template =
          typeof parent === 'string'
            ? hidden.get(parent) ?? jobs.get(parent)
            : undefined;
        if (template && !seen.has(template)) {
          seen.add(template);
          keysWithExtends(template, seen).forEach(k => keys.add(k));
        }
      }
      return keys;
    };

    const stageOf = (job: YAMLMap) => String(job.get('stage') ?? 'test');

    for (const [name, job] of jobs) {
      for (const pair of job.items) {
        const keyword = keyOf(pair);
        if (!JOB_KEYWORDS.has(keyword)) {
          report(
            pair.key as Node,
            `Job \`${name}\` has unknown keyword \`${keyword}\``,
            'unknown-keyword',
          );
        }
      }
      const keys = keysWithExtends(job);
      if (!['script', 'trigger', 'run'].some(k => keys.has(k))) {
        report(
          job,
          `Job \`${name}\` has no \`script\`, \`trigger\` or \`run\``,
          'job-script',
        );
      }
      for (const key of ['script', 'before_script', 'after_script']) {
        const value = job.get(key, true) as Node | undefined;
        if (!value) {
          continue;
        }
        const items = isSeq(value)
          ? value.items.flatMap(i => (isSeq(i) ? i.items : [i]))
          : [value];
        for (const item of items) {
          if (!isScalar(item) || typeof item.value !== 'string') {
            report(
              item as Node,
              `\`${name}.${key}\` must hold strings`,
              'script-type',
            );
          }
        }
      }
      const stage = stageOf(job);
      if (!stageOrder.includes(stage)) {
        report(
          job.get('stage', true) as Node,
          `Job \`${name}\` uses stage \`${stage}\`, which is not in \`stages\` (${stages.join(
            ', ',
          )})`,
          'stage',
        );
      }
      const when = job.get('when', true) as Node | undefined;
      if (when && !(isScalar(when) && WHEN.has(String(when.value)))) {
        report(
          when,
          `Job \`${name}\`: \`when\` must be one of ${[...WHEN].join(', ')}`,
          'when',
        );
      }
      for (const key of ['needs', 'dependencies']) {
        const list = job.get(key, true) as Node | undefined;
        if (!list) {
          continue;
        }
        if (!isSeq(list)) {
          report(list, `Job \`${name}\`: \`${key}\` must be a list`, key);
          continue;
        }
        for (const item of list.items) {
          let target: unknown = isScalar(item) ? item.value : undefined;
          if (isMap(item)) {
            target = item.get('job');
          }
          if (isMap(item) && item.get('pipeline') !== undefined) {
            continue;
          }
          const other =
            typeof target === 'string' ? jobs.get(target) : undefined;
          if (!other) {
            report(
              item as Node,
              `Job \`${name}\` ${key} \`${String(
                target,
              )}\`, which is not a job of this pipeline`,
              key,
            );
          } else if (
            stageOrder.indexOf(stageOf(other)) > stageOrder.indexOf(stage)
          ) {
            report(
              item as Node,
              `Job \`${name}\` (stage \`${stage}\`) ${key} \`${target}\` from the later stage \`${stageOf(
                other,
              )}\``,
              key,
            );
          }
        }
      }
      const rules = job.get('rules', true) as Node | undefined;
      if (rules) {
        if (!isSeq(rules)) {
          report(rules, `Job \`${name}\`: \`rules\` must be a list`, 'rules');
        } else {
          for (const rule of rules.items) {
            if (!isMap(rule)) {
              report(
                rule as Node,
                `Job \`${name}\`: each rule must be a mapping`,
                'rules',
              );
              continue;
            }
            for (const pair of rule.items) {
              if (!RULE_KEYWORDS.has(keyOf(pair))) {
                report(
                  pair.key as Node,
                  `Job \`${name}\`: unknown rule keyword \`${keyOf(pair)}\``,
                  'rules',
                );
              }
            }
            const ruleWhen = rule.get('when');
            if (ruleWhen !== undefined && !WHEN.has(String(ruleWhen))) {
              report(
                rule.get('when', true) as Node,
                `Job \`${name}\`: rule \`when: ${String(
                  ruleWhen,
                )}\` is not one of ${[...WHEN].join(', ')}`,
                'rules',
              );
            }
          }
        }
      }
      const environment = job.get('environment', true) as Node | undefined;
      if (environment && isMap(environment)) {
        if (environment.get('name') === undefined) {
          report(
            environment,
            `Job \`${name}\`: \`environment\` needs a \`name\``,
            'environment',
          );
        }
        for (const pair of environment.items) {
          if (!ENVIRONMENT_KEYWORDS.has(keyOf(pair))) {
            report(
              pair.key as Node,
              `Job \`${name}\`: unknown environment keyword \`${keyOf(pair)}\``,
              'environment',
            );
          }
        }
      } else if (
        environment &&
        !(isScalar(environment) && typeof environment.value === 'string')
      ) {
        report(
          environment,
          `Job \`${name}\`: \`environment\` must be a name or a mapping`,
          'environment',
        );
      }
    }
  }
  return findings;
}
