import { MIGRATE_COMMAND, MIGRATION_TOOL } from '../migrations/migrationTools';
import {
  GITLAB_IMAGE,
  GITLAB_MIGRATION_IMAGE,
  GITLAB_MIGRATION_PREPARE,
  RUNTIME_COMMANDS,
} from './runtimeSteps';
import { WORKLOAD_KIND } from '../environments/deliveryStrategy';
import { RECORD_MIGRATION_RUN } from './recordMigrationRun';
import {
  BACKUP_RETENTION_DAYS,
  installArgoRolloutsPlugin,
  PG_DUMP_IMAGE,
  REPORT_OUTCOME,
} from './deployScripts';
import type { PipelineOptions } from './PipelineOptions';

/** GitLab's predefined variable naming this project's container registry image. */
export const GITLAB_REGISTRY_IMAGE = '$CI_REGISTRY_IMAGE';
const DOCKER_IMAGE = 'docker:27.4.1';
const DOCKER_DIND = 'docker:27.4.1-dind';

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
 * The same pipeline for GitLab CI: images go to the project's registry
 * (`$CI_REGISTRY_IMAGE`), production waits for a manual start (`when:
 * manual`; protect the `production` environment so only its approvers can
 * start it), and every deploy and migration run is reported to Backstage.
 */
export function gitlabPipeline(o: PipelineOptions) {
  const commands = RUNTIME_COMMANDS[o.runtime];
  const image = GITLAB_IMAGE[o.runtime];
  const onMain = [{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }];
  const deployImage = 'alpine/k8s:1.31.3';
  const tool = MIGRATION_TOOL[o.runtime];
  const production = [{ ...onMain[0], when: 'manual' }];

  const usesRollout = WORKLOAD_KIND[o.strategy] === 'Rollout';
  // GitLab's own registry for this project: build, scan, push and deploy
  // all name this one image.
  const registryImage = `${GITLAB_REGISTRY_IMAGE}:$VERSION`;
  // after_script runs in a new shell; the start time survives in a file.
  const recordStart = [
    'date -u +%Y-%m-%dT%H:%M:%SZ > .devops/started-at',
    'STARTED_AT="$(cat .devops/started-at)"',
    'export STARTED_AT',
  ];
  const reportOutcome = (environment: string) =>
    `STARTED_AT="$(cat .devops/started-at 2>/dev/null || true)" ${REPORT_OUTCOME} ${environment}`;

  // Migrations run in a job of their own, in an image that has the tool,
  // before the deploy job (which `needs` it). In production this job is
  // the manual gate, so approving production runs migrations then deploys.
  // A failed migration ends the deployment as failed right here.
  const migrate = (environment: 'staging' | 'production') => ({
    stage: `deploy-${environment}`,
    image: GITLAB_MIGRATION_IMAGE[tool],
    environment: { name: environment, action: 'prepare' },
    variables: {
      DATABASE_URL: `$DATABASE_URL_${environment.toUpperCase()}`,
      STRATEGY: o.strategy,
    },
    before_script: [
      GITLAB_MIGRATION_PREPARE,
      ...recordStart,
      `.devops/report-deployment.sh ${environment} in_progress`,
    ],
    script: [
      ...(environment === 'production'
        ? [
            // See what would run before anything changes.
            `${MIGRATE_COMMAND} --dry-run`,
          ]
        : []),
      // The result goes to the Pushgateway for the DatabaseMigrationFailed
      // alert, whether or not the runner got as far as its report.
      `if ${MIGRATE_COMMAND} --report migrations.json; then
  ${RECORD_MIGRATION_RUN} ${environment} success
else
  ${RECORD_MIGRATION_RUN} ${environment} failure
  exit 1
fi`,
    ],
    after_script: [
      // Also after a failed run: the report names the failed migration.
      `if [ -f migrations.json ]; then .devops/report-migrations.sh ${environment} ${tool} migrations.json; fi`,
      `if [ "$CI_JOB_STATUS" != "success" ]; then ${reportOutcome(
        environment,
      )}; fi`,
    ],
    ...(environment === 'production' ? { needs: ['backup-production'] } : {}),
    rules: onMain,
  });

  // Before production migrations: a pg_dump kept as an artifact, in the
  // manual job that opens the production gate.
  const backup = {
    stage: 'deploy-production',
    image: { name: PG_DUMP_IMAGE, entrypoint: [''] },
    environment: { name: 'production', action: 'prepare' },
    variables: { DATABASE_URL: '$DATABASE_URL_PRODUCTION' },
    script: [
      'mkdir -p backup',
      'pg_dump --format=custom --file=backup/database.dump "$DATABASE_URL"',
    ],
    artifacts: {
      name: 'database-backup-$VERSION',
      paths: ['backup/database.dump'],
      expire_in: `${BACKUP_RETENTION_DAYS} days`,
      when: 'on_success',
    },
    rules: production,
    allow_failure: false,
  };

  const deploy = (environment: 'staging' | 'production') => ({
    stage: `deploy-${environment}`,
    image: deployImage,
    ...(o.hasDatabase ? { needs: [`migrate-${environment}`] } : {}),
    environment: {
      name: environment,
      url: `$${environment.toUpperCase()}_URL`,
    },
    // Staging rehearses production's rollout with the same engine.
    variables: { STRATEGY: o.strategy },
    before_script: [
      'apk add --no-cache bash curl jq',
      ...(usesRollout ? [installArgoRolloutsPlugin] : []),
      ...recordStart,
      `.devops/report-deployment.sh ${environment} in_progress`,
    ],
    script: [`.devops/deploy.sh ${environment} "${registryImage}"`],
    // The verdict deploy.sh wrote: succeeded, failed or rolled_back.
    after_script: [reportOutcome(environment)],
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
    // Built once, saved as an artifact: the scan reads that very image on
    // merge requests and on main, and it is pushed only after it passes.
    build: {
      stage: 'build',
      image: DOCKER_IMAGE,
      services: [DOCKER_DIND],
      script: [
        `docker build -t "${registryImage}" .`,
        `docker save -o image.tar "${registryImage}"`,
      ],
      artifacts: { paths: ['image.tar'], expire_in: '1 day' },
    },
    'image-scan': {
      stage: 'build',
      needs: ['build'],
      image: { name: 'aquasec/trivy:0.58.1', entrypoint: [''] },
      script: [
        'trivy image --input image.tar --severity CRITICAL,HIGH --exit-code 1 --ignore-unfixed',
      ],
    },
    push: {
      stage: 'build',
      needs: ['build', 'image-scan'],
      image: DOCKER_IMAGE,
      services: [DOCKER_DIND],
      script: [
        'docker load -i image.tar',
        'echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"',
        `docker tag "${registryImage}" "${GITLAB_REGISTRY_IMAGE}:sha-$CI_COMMIT_SHA"`,
        `docker push "${registryImage}"`,
        `docker push "${GITLAB_REGISTRY_IMAGE}:sha-$CI_COMMIT_SHA"`,
      ],
      rules: onMain,
    },
    ...(o.hasDatabase ? { 'migrate-staging': migrate('staging') } : {}),
    'deploy-staging': deploy('staging'),
    'smoke-test': {
      stage: 'smoke-test',
      image: 'curlimages/curl:8.11.1',
      script: [
        `curl --silent --show-error --fail --retry 10 --retry-delay 6 --retry-all-errors "$STAGING_URL${o.healthPath}"`,
      ],
      rules: onMain,
    },
    ...(o.hasDatabase
      ? {
          'backup-production': backup,
          'migrate-production': migrate('production'),
        }
      : {}),
    'deploy-production': deploy('production'),
  };
}
