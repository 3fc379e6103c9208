import { MIGRATE_COMMAND, MIGRATION_TOOL } from '../migrations/migrationTools';
import {
  GITLAB_IMAGE,
  GITLAB_MIGRATION_IMAGE,
  GITLAB_MIGRATION_PREPARE,
  RUNTIME_COMMANDS,
} from './runtimeSteps';
import type { PipelineOptions } from './PipelineOptions';

export const GITLAB_STAGES = [
  'lint',
  'test',
  'security',
  'build',
  'deploy-staging',
  'smoke-test',
  'deploy-production',
] as const;

/**
 * The same pipeline for GitLab CI: production waits for a manual start
 * (`when: manual` on a protected environment), and every deploy and
 * migration run is reported to Backstage.
 */
export function gitlabPipeline(o: PipelineOptions) {
  const commands = RUNTIME_COMMANDS[o.runtime];
  const image = GITLAB_IMAGE[o.runtime];
  const onMain = [{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }];
  const deployImage = 'alpine/k8s:1.31.3';
  const tool = MIGRATION_TOOL[o.runtime];
  const production = [{ ...onMain[0], when: 'manual' }];

  // Migrations run in a job of their own, in an image that has the tool,
  // before the deploy job (which `needs` it). In production this job is
  // the manual gate, so approving production runs migrations then deploys.
  const migrate = (environment: 'staging' | 'production') => ({
    stage: `deploy-${environment}`,
    image: GITLAB_MIGRATION_IMAGE[tool],
    environment: { name: environment, action: 'prepare' },
    variables: {
      DATABASE_URL: `$DATABASE_URL_${environment.toUpperCase()}`,
    },
    before_script: [GITLAB_MIGRATION_PREPARE],
    script: [`${MIGRATE_COMMAND} --report migrations.json`],
    // Also after a failed run: the report names the failed migration.
    after_script: [
      `if [ -f migrations.json ]; then .devops/report-migrations.sh ${environment} ${tool} migrations.json; fi`,
    ],
    rules: environment === 'production' ? production : onMain,
    ...(environment === 'production' ? { allow_failure: false } : {}),
  });

  const deploy = (environment: 'staging' | 'production', strategy: string) => ({
    stage: `deploy-${environment}`,
    image: deployImage,
    ...(o.hasDatabase ? { needs: [`migrate-${environment}`] } : {}),
    environment: {
      name: environment,
      url: `$${environment.toUpperCase()}_URL`,
    },
    variables: {
      STRATEGY: strategy,
      SERVICE_URL: `$${environment.toUpperCase()}_URL`,
    },
    before_script: [
      'apk add --no-cache bash curl jq',
      // Assigned before the export so a failing date is not masked (SC2155).
      'STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"',
      'export STARTED_AT',
      `.devops/report-deployment.sh ${environment} in_progress`,
    ],
    script: [
      `.devops/deploy.sh ${environment} ${strategy} "${o.image}:$VERSION"`,
      `.devops/report-deployment.sh ${environment} succeeded`,
    ],
    // deploy.sh rolled back before failing; say so.
    after_script: [
      `if [ "$CI_JOB_STATUS" = "failed" ]; then .devops/report-deployment.sh ${environment} rolled_back; fi`,
    ],
    rules: environment === 'production' && !o.hasDatabase ? production : onMain,
    ...(environment === 'production' ? { allow_failure: false } : {}),
  });

  return {
    stages: [...GITLAB_STAGES],
    variables: {
      ENTITY_REF: o.entityRef,
      VERSION: '1.0.$CI_PIPELINE_IID-$CI_COMMIT_SHORT_SHA',
      COMMIT_SHA: '$CI_COMMIT_SHA',
      COMMIT_TIME: '$CI_COMMIT_TIMESTAMP',
      RUN_ID: '$CI_PIPELINE_ID',
      RUN_URL: '$CI_PIPELINE_URL',
      ACTOR: '$GITLAB_USER_LOGIN',
    },
    workflow: {
      rules: [
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
        { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
        { if: '$CI_PIPELINE_SOURCE == "web"' },
      ],
    },
    lint: { stage: 'lint', image, script: [commands.install, commands.lint] },
    test: {
      stage: 'test',
      image,
      script: [commands.install, commands.test(o.coverageThreshold)],
    },
    'dependency-audit': {
      stage: 'security',
      image,
      script: [commands.install, commands.audit],
    },
    'secret-scan': {
      stage: 'security',
      image: { name: 'zricethezav/gitleaks:v8.21.2', entrypoint: [''] },
      script: ['gitleaks detect --source . --redact --no-banner'],
    },
    build: {
      stage: 'build',
      image: 'docker:27.4.1',
      services: ['docker:27.4.1-dind'],
      script: [
        'docker login -u "$CI_REGISTRY_USER" -p "$CI_REGISTRY_PASSWORD" "$CI_REGISTRY"',
        `docker build -t "${o.image}:$VERSION" -t "${o.image}:sha-$CI_COMMIT_SHA" .`,
        `docker push "${o.image}:$VERSION"`,
        `docker push "${o.image}:sha-$CI_COMMIT_SHA"`,
      ],
    },
    'image-scan': {
      stage: 'build',
      needs: ['build'],
      image: { name: 'aquasec/trivy:0.58.1', entrypoint: [''] },
      script: [
        `trivy image --severity CRITICAL,HIGH --exit-code 1 --ignore-unfixed "${o.image}:$VERSION"`,
      ],
    },
    ...(o.hasDatabase ? { 'migrate-staging': migrate('staging') } : {}),
    'deploy-staging': deploy('staging', 'rolling'),
    'smoke-test': {
      stage: 'smoke-test',
      image: 'curlimages/curl:8.11.1',
      script: [
        `curl --silent --show-error --fail --retry 10 --retry-delay 6 --retry-all-errors "$STAGING_URL${o.healthPath}"`,
      ],
      rules: onMain,
    },
    ...(o.hasDatabase ? { 'migrate-production': migrate('production') } : {}),
    'deploy-production': deploy('production', o.strategy),
  };
}
