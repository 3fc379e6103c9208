import { MIGRATE_COMMAND, MIGRATION_TOOL } from '../migrations/migrationTools';
import {
  GITHUB_SETUP,
  MIGRATION_NEEDS_RUNTIME,
  RUNTIME_COMMANDS,
} from './runtimeSteps';
import { WORKLOAD_KIND } from '../environments/deliveryStrategy';
import {
  BACKUP_RETENTION_DAYS,
  installArgoRolloutsPlugin,
  PG_DUMP_IMAGE,
  REPORT_OUTCOME,
} from './deployScripts';
import type { PipelineOptions } from './PipelineOptions';
import { RECORD_MIGRATION_RUN } from './recordMigrationRun';

type Step = {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
  run?: string;
  env?: Record<string, string>;
};

const checkout: Step = { name: 'Check out', uses: 'actions/checkout@v4' };

/**
 * The GitHub Actions workflow: lint, test with a coverage gate, security
 * scans, build and push, staging deploy with migrations, smoke test, and a
 * production deploy behind the `production` environment's required
 * reviewers, rolled back automatically when its checks fail. Every deploy
 * and migration run is reported to Backstage.
 */
export function githubWorkflow(o: PipelineOptions) {
  const commands = RUNTIME_COMMANDS[o.runtime];
  const setup: Step = {
    name: `Set up ${o.runtime}`,
    ...GITHUB_SETUP[o.runtime],
  };
  const prepare = [
    checkout,
    setup,
    { name: 'Install dependencies', run: commands.install },
  ];
  const reportEnv = {
    BACKSTAGE_URL: '${{ vars.BACKSTAGE_URL }}',
    BACKSTAGE_DEVOPS_TOKEN: '${{ secrets.BACKSTAGE_DEVOPS_TOKEN }}',
    ENTITY_REF: o.entityRef,
    VERSION: '${{ needs.build.outputs.version }}',
    COMMIT_SHA: '${{ github.sha }}',
    COMMIT_TIME: '${{ github.event.head_commit.timestamp }}',
    RUN_ID: '${{ github.run_id }}-${{ github.run_attempt }}',
    RUN_URL:
      '${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}',
    ACTOR: '${{ github.actor }}',
  };
  const image = `${o.image}:\${{ needs.build.outputs.version }}`;
  const usesRollout = WORKLOAD_KIND[o.strategy] === 'Rollout';
  const tool = MIGRATION_TOOL[o.runtime];
  const migrationSteps = (environment: 'staging' | 'production'): Step[] => {
    if (!o.hasDatabase) {
      return [];
    }
    const databaseUrl = {
      DATABASE_URL: `\${{ secrets.DATABASE_URL_${environment.toUpperCase()} }}`,
    };
    // Production: see what would run, keep a backup, then apply.
    const safety: Step[] =
      environment === 'production'
        ? [
            {
              name: 'Preview the migrations (dry run)',
              run: `${MIGRATE_COMMAND} --dry-run`,
              env: databaseUrl,
            },
            {
              name: 'Back up the database',
              // The container's shell expands DATABASE_URL, so the secret
              // stays out of the command line.
              run: `mkdir -p backup\n# shellcheck disable=SC2016\ndocker run --rm --network host -v "$PWD/backup:/backup" -e DATABASE_URL ${PG_DUMP_IMAGE} sh -c 'pg_dump --format=custom --file=/backup/database.dump "$DATABASE_URL"'`,
              env: databaseUrl,
            },
            {
              name: 'Keep the backup',
              uses: 'actions/upload-artifact@v4',
              with: {
                name: 'database-backup-${{ needs.build.outputs.version }}',
                path: 'backup/database.dump',
                'retention-days': BACKUP_RETENTION_DAYS,
                'if-no-files-found': 'error',
              },
            },
          ]
        : [];
    return [
      ...(MIGRATION_NEEDS_RUNTIME[tool] ? [setup] : []),
      ...safety,
      {
        name: 'Run database migrations',
        id: 'migrate',
        run: `${MIGRATE_COMMAND} --report migrations.json`,
        env: databaseUrl,
      },
      {
        name: 'Report migrations',
        // Also after a failed run: the report names the failed migration.
        if: "always() && hashFiles('migrations.json') != ''",
        run: `.devops/report-migrations.sh ${environment} ${tool} migrations.json`,
      },
      {
        // Whether or not the runner wrote a report: the DatabaseMigrationFailed
        // alert reads this, and a later successful run clears it.
        name: 'Record the migration result for alerting',
        if: "always() && (steps.migrate.outcome == 'success' || steps.migrate.outcome == 'failure')",
        run: `${RECORD_MIGRATION_RUN} ${environment} "$OUTCOME"`,
        env: {
          OUTCOME: '${{ steps.migrate.outcome }}',
          PUSHGATEWAY_URL: '${{ vars.PUSHGATEWAY_URL }}',
        },
      },
    ];
  };
  const deploySteps = (environment: 'staging' | 'production'): Step[] => [
    checkout,
    { name: 'Set up kubectl', uses: 'azure/setup-kubectl@v4' },
    {
      name: 'Set up kustomize',
      uses: 'imranismail/setup-kustomize@v2',
    },
    ...(usesRollout
      ? [
          {
            name: 'Set up the Argo Rollouts kubectl plugin',
            run: `${installArgoRolloutsPlugin.replace(
              /\/usr\/local\/bin/g,
              '"$RUNNER_TEMP"',
            )} && echo "$RUNNER_TEMP" >> "$GITHUB_PATH"`,
          },
        ]
      : []),
    {
      name: 'Write kubeconfig',
      run: 'mkdir -p ~/.kube && printf %s "$KUBECONFIG_DATA" > ~/.kube/config',
      env: {
        KUBECONFIG_DATA: `\${{ secrets.KUBECONFIG_${environment.toUpperCase()} }}`,
      },
    },
    {
      name: 'Record the start',
      run: 'echo "STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$GITHUB_ENV"',
    },
    {
      name: 'Report deployment started',
      id: 'started',
      run: `.devops/report-deployment.sh ${environment} in_progress`,
    },
    ...migrationSteps(environment),
    {
      name: `Deploy (${o.strategy})`,
      id: 'deploy',
      run: `.devops/deploy.sh ${environment} "$IMAGE"`,
      env: { IMAGE: image },
    },
    {
      // Whatever failed - migrations, the deploy or the engine's analysis -
      // the deployment ends with the verdict deploy.sh wrote, or failed when
      // it never ran; it is never left in progress.
      name: 'Report the outcome',
      if: "always() && steps.started.outcome == 'success'",
      run: `${REPORT_OUTCOME} ${environment}`,
    },
  ];
  return {
    name: 'CI/CD',
    on: {
      push: { branches: ['main'] },
      pull_request: {},
      workflow_dispatch: {},
    },
    permissions: { contents: 'read' },
    concurrency: {
      group: '${{ github.workflow }}-${{ github.ref }}',
      'cancel-in-progress': false,
    },
    jobs: {
      lint: {
        name: 'Lint',
        'runs-on': 'ubuntu-24.04',
        steps: [...prepare, { name: 'Lint', run: commands.lint }],
      },
      test: {
        name: 'Test',
        'runs-on': 'ubuntu-24.04',
        steps: [
          ...prepare,
          {
            name: `Unit and integration tests (coverage at least ${o.coverageThreshold}%)`,
            run: commands.test(o.coverageThreshold),
          },
        ],
      },
      security: {
        name: 'Security scan',
        'runs-on': 'ubuntu-24.04',
        steps: [
          { ...checkout, with: { 'fetch-depth': 0 } },
          setup,
          { name: 'Install dependencies', run: commands.install },
          {
            name: 'Dependency audit',
            run: commands.audit,
            ...(o.runtime === 'java'
              ? { env: { NVD_API_KEY: '${{ secrets.NVD_API_KEY }}' } }
              : {}),
          },
          {
            name: 'Secret scan',
            run: 'docker run --rm -v "$PWD:/repo" zricethezav/gitleaks:v8.21.2 detect --source /repo --redact --no-banner',
          },
        ],
      },
      build: {
        name: 'Build image',
        needs: ['lint', 'test', 'security'],
        'runs-on': 'ubuntu-24.04',
        permissions: { contents: 'read', packages: 'write' },
        outputs: { version: '${{ steps.version.outputs.version }}' },
        steps: [
          checkout,
          {
            name: 'Version',
            id: 'version',
            run: 'echo "version=1.0.${{ github.run_number }}-${GITHUB_SHA::7}" >> "$GITHUB_OUTPUT"',
          },
          { name: 'Set up Buildx', uses: 'docker/setup-buildx-action@v3' },
          {
            // Loaded into this job's Docker, so the scan below has the
            // image on pull requests too; pushed only after it passes.
            name: 'Build',
            uses: 'docker/build-push-action@v6',
            with: {
              context: '.',
              load: true,
              push: false,
              tags: `${o.image}:\${{ steps.version.outputs.version }}\n${o.image}:sha-\${{ github.sha }}`,
              'cache-from': 'type=gha',
              'cache-to': 'type=gha,mode=max',
            },
          },
          {
            name: 'Scan the image',
            uses: 'aquasecurity/trivy-action@0.28.0',
            with: {
              'image-ref': `${o.image}:\${{ steps.version.outputs.version }}`,
              severity: 'CRITICAL,HIGH',
              'exit-code': '1',
              'ignore-unfixed': true,
            },
          },
          {
            name: 'Log in to the registry',
            if: "github.event_name != 'pull_request'",
            uses: 'docker/login-action@v3',
            with: {
              registry: o.image.split('/')[0],
              username: '${{ github.actor }}',
              password: '${{ secrets.GITHUB_TOKEN }}',
            },
          },
          {
            name: 'Push',
            if: "github.event_name != 'pull_request'",
            run: `docker push "${o.image}:\${VERSION}" && docker push "${o.image}:sha-\${GITHUB_SHA}"`,
            env: { VERSION: '${{ steps.version.outputs.version }}' },
          },
        ],
      },
      'deploy-staging': {
        name: 'Deploy to staging',
        needs: ['build'],
        if: "github.ref == 'refs/heads/main'",
        'runs-on': 'ubuntu-24.04',
        environment: { name: 'staging', url: '${{ vars.STAGING_URL }}' },
        // Staging rehearses production's rollout with the same engine.
        env: { ...reportEnv, STRATEGY: o.strategy },
        steps: deploySteps('staging'),
      },
      'smoke-test': {
        name: 'Smoke test staging',
        needs: ['build', 'deploy-staging'],
        'runs-on': 'ubuntu-24.04',
        steps: [
          {
            name: 'Health endpoint answers',
            run: `curl --silent --show-error --fail --retry 10 --retry-delay 6 --retry-all-errors "$STAGING_URL${o.healthPath}"`,
            env: { STAGING_URL: '${{ vars.STAGING_URL }}' },
          },
        ],
      },
      'deploy-production': {
        name: 'Deploy to production',
        needs: ['build', 'smoke-test'],
        'runs-on': 'ubuntu-24.04',
        // The template creates the production environment with required
        // reviewers, so this job waits for their approval.
        environment: { name: 'production', url: '${{ vars.PRODUCTION_URL }}' },
        env: { ...reportEnv, STRATEGY: o.strategy },
        steps: deploySteps('production'),
      },
    },
  };
}
