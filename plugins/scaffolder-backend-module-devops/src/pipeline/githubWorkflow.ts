import { MIGRATE_COMMAND, MIGRATION_TOOL } from '../migrations/migrationTools';
import {
  GITHUB_SETUP,
  MIGRATION_NEEDS_RUNTIME,
  RUNTIME_COMMANDS,
} from './runtimeSteps';
import type { PipelineOptions } from './PipelineOptions';

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

  const deploySteps = (
    environment: 'staging' | 'production',
    strategy: string,
  ): Step[] => [
    checkout,
    { name: 'Set up kubectl', uses: 'azure/setup-kubectl@v4' },
    {
      name: 'Set up kustomize',
      uses: 'imranismail/setup-kustomize@v2',
    },
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
      run: `.devops/report-deployment.sh ${environment} in_progress`,
    },
    ...(o.hasDatabase
      ? [
          ...(MIGRATION_NEEDS_RUNTIME[MIGRATION_TOOL[o.runtime]]
            ? [setup]
            : []),
          {
            name: 'Run database migrations',
            run: `${MIGRATE_COMMAND} --report migrations.json`,
            env: {
              DATABASE_URL: `\${{ secrets.DATABASE_URL_${environment.toUpperCase()} }}`,
            },
          },
          {
            name: 'Report migrations',
            // Also after a failed run: the report names the failed migration.
            if: "always() && hashFiles('migrations.json') != ''",
            run: `.devops/report-migrations.sh ${environment} ${
              MIGRATION_TOOL[o.runtime]
            } migrations.json`,
          },
        ]
      : []),
    {
      name: `Deploy (${strategy})`,
      id: 'deploy',
      run: `.devops/deploy.sh ${environment} ${strategy} "${image}"`,
      env: { SERVICE_URL: `\${{ vars.${environment.toUpperCase()}_URL }}` },
    },
    {
      name: 'Report success',
      if: 'success()',
      run: `.devops/report-deployment.sh ${environment} succeeded`,
    },
    {
      // deploy.sh rolled back before failing; say so.
      name: 'Report rollback',
      if: "failure() && steps.deploy.outcome == 'failure'",
      run: `.devops/report-deployment.sh ${environment} rolled_back`,
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
          { name: 'Dependency audit', run: commands.audit },
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
            name: 'Log in to the registry',
            uses: 'docker/login-action@v3',
            with: {
              registry: o.image.split('/')[0],
              username: '${{ github.actor }}',
              password: '${{ secrets.GITHUB_TOKEN }}',
            },
          },
          {
            name: 'Build and push',
            uses: 'docker/build-push-action@v6',
            with: {
              context: '.',
              push: "${{ github.event_name != 'pull_request' }}",
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
        ],
      },
      'deploy-staging': {
        name: 'Deploy to staging',
        needs: ['build'],
        if: "github.ref == 'refs/heads/main'",
        'runs-on': 'ubuntu-24.04',
        environment: { name: 'staging', url: '${{ vars.STAGING_URL }}' },
        env: { ...reportEnv, STRATEGY: 'rolling' },
        steps: deploySteps('staging', 'rolling'),
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
        // Required reviewers on the production environment make this wait
        // for approval.
        environment: { name: 'production', url: '${{ vars.PRODUCTION_URL }}' },
        env: { ...reportEnv, STRATEGY: o.strategy },
        steps: deploySteps('production', o.strategy),
      },
    },
  };
}
