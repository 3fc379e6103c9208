import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { readFile, readdir } from 'fs/promises';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { join, relative, resolve } from 'path';
import { parse } from 'yaml';
import { scaffolderModuleDevops } from '../module';

const templates = resolve(__dirname, '../../../../templates');

/** The template's folder as the dry-run API takes it. */
async function directoryContents(dir: string) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return Promise.all(
    entries
      .filter(e => e.isFile())
      .map(async e => ({
        path: relative(dir, join(e.parentPath, e.name)),
        base64Content: (await readFile(join(e.parentPath, e.name))).toString(
          'base64',
        ),
      })),
  );
}

// One rendering per runtime and per template, through the scaffolder's own
// dry run with every action the templates use registered; the full matrix
// is for `npm run templates:test`.
describe('the golden-path templates in a real scaffolder dry run', () => {
  let port: number;

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleDevops,
        githubModule,
        gitlabModule,
        catalogServiceMock.factory(),
        // publish:github:pull-request builds its client before checking for
        // a dry run, so it needs a token even though nothing is sent.
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            integrations: {
              github: [{ host: 'github.com', token: 'never-used' }],
            },
          },
        }),
      ],
    });
    port = ((server as Server).address() as AddressInfo).port;
  });

  it.each([
    [
      'new-service',
      {
        runtime: 'node',
        ciProvider: 'github',
        strategy: 'canary',
        database: true,
      },
      [
        'package-lock.json',
        'src/server.js',
        'knexfile.cjs',
        '.github/workflows/ci-cd.yml',
      ],
    ],
    [
      'new-service',
      {
        runtime: 'python',
        ciProvider: 'gitlab',
        strategy: 'blue-green',
        database: true,
      },
      ['app/__main__.py', 'alembic.ini', 'migrations/env.py', '.gitlab-ci.yml'],
    ],
    [
      'new-service',
      {
        runtime: 'go',
        ciProvider: 'github',
        strategy: 'rolling',
        database: false,
      },
      ['go.mod', 'cmd/server/main.go', '.github/workflows/ci-cd.yml'],
    ],
    [
      'new-service',
      {
        runtime: 'java',
        ciProvider: 'gitlab',
        strategy: 'rolling',
        database: true,
      },
      ['pom.xml', 'mvnw', 'flyway.conf', 'sql/V1__init.sql'],
    ],
    [
      'add-devops',
      { runtime: 'java', ciProvider: 'gitlab', database: true },
      ['Dockerfile', 'flyway.conf', '.gitlab-ci.yml'],
    ],
    [
      'add-devops',
      { runtime: 'node', ciProvider: 'github', database: false },
      ['Dockerfile', '.github/workflows/ci-cd.yml'],
    ],
  ])('renders %s for %j', async (name, combination, expected) => {
    const { values, body } = await dryRun(name, combination);
    expect(body.log.filter((l: any) => l.body.status === 'failed')).toEqual([]);

    const files = new Map<string, string>(
      body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        ...expected,
        'catalog-info.yaml',
        'mkdocs.yml',
        'docs/index.md',
        'monitoring/alerts.rules.yml',
        'k8s/base/kustomization.yaml',
      ]),
    );
    // rolling stays a Deployment; blue-green and canary are Argo Rollouts.
    const strategy =
      (combination as { strategy?: string }).strategy ?? values.strategy;
    expect(
      ['k8s/base/deployment.yaml', 'k8s/base/rollout.yaml'].filter(path =>
        files.has(path),
      ),
    ).toEqual([
      strategy === 'rolling'
        ? 'k8s/base/deployment.yaml'
        : 'k8s/base/rollout.yaml',
    ]);
    expect(
      [...files.keys()].some(path =>
        /^(knexfile|alembic|flyway)|^\.devops\/migrate/.test(path),
      ),
    ).toBe(combination.database);
    for (const [path, text] of files) {
      // GitHub's own expressions, written by devops:pipeline:generate.
      if (path.startsWith('.github/workflows/')) continue;
      expect({ path, unrendered: text.includes('${{') }).toEqual({
        path,
        unrendered: false,
      });
    }

    const entity = parse(files.get('catalog-info.yaml')!);
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/techdocs-ref': 'dir:.',
      'devops/alert-selector': `service="${values.name}"`,
      'devops/health-url.staging': `https://${values.name}.staging.example.com${values.healthPath}`,
      'devops/health-url.production': `https://${values.name}.example.com${values.healthPath}`,
    });
    expect(entity.spec.owner).toBe(values.owner);
    const runbook = files.get('docs/index.md')!;
    expect(runbook.includes('## Database migrations')).toBe(
      combination.database,
    );
    // A failed migration run is pushed by the pipeline and alerted on, with
    // a runbook section, for every runtime with a database.
    const alerts = parse(
      files.get('monitoring/alerts.rules.yml')!,
    ).groups[0].rules.map((r: { alert: string }) => r.alert);
    expect({
      rule: alerts.includes('DatabaseMigrationFailed'),
      section: runbook.includes('### DatabaseMigrationFailed'),
      script: files.has('.devops/record-migration-run.sh'),
    }).toEqual({
      rule: combination.database,
      section: combination.database,
      script: combination.database,
    });
  });

  it('gives the go service with a database lib/pq, pinned with its published hashes, and the pool rules', async () => {
    const { body } = await dryRun('new-service', {
      runtime: 'go',
      ciProvider: 'github',
      strategy: 'rolling',
      database: true,
    });
    const files = new Map<string, string>(
      body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    expect(files.get('go.mod')).toBe(
      'module github.com/acme/payments-api\n\ngo 1.23\n\nrequire github.com/lib/pq v1.10.7\n',
    );
    // What sum.golang.org publishes for v1.10.7: `go mod download` in the
    // generated repository verifies the module against these lines.
    expect(files.get('go.sum')).toBe(
      [
        'github.com/lib/pq v1.10.7 h1:p7ZhMD+KsSRozJr34udlUrhboJwWAgCg34+/ZZNvZZw=',
        'github.com/lib/pq v1.10.7/go.mod h1:AlVN5x4E4T544tWzH6hKfbfQvm3HdbOxrmggDNAPY9o=',
        '',
      ].join('\n'),
    );
    expect(files.get('cmd/server/database.go')).toContain(
      'sql.OpenDB(connector)',
    );
    expect(files.get('cmd/server/main.go')).toContain(
      'openDatabase(os.Getenv("DATABASE_URL"), max)',
    );
    const alerts = parse(
      files.get('monitoring/alerts.rules.yml')!,
    ).groups[0].rules.map((r: { alert: string }) => r.alert);
    expect(alerts).toEqual(
      expect.arrayContaining([
        'DatabasePoolExhausted',
        'DatabasePoolWaiting',
        'DatabaseConnectionErrors',
        'SlowDatabaseQueries',
      ]),
    );
    expect(files.get('docs/index.md')).toContain('### DatabasePoolExhausted');
  });

  it('leaves the go service without a database free of requirements', async () => {
    const { body } = await dryRun('new-service', {
      runtime: 'go',
      ciProvider: 'github',
      strategy: 'rolling',
      database: false,
    });
    const files = new Map<string, string>(
      body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    expect(files.get('go.mod')).toBe(
      'module github.com/acme/payments-api\n\ngo 1.23\n',
    );
    expect(files.get('go.sum') ?? '').toBe('');
    expect(files.has('cmd/server/database.go')).toBe(false);
  });

  async function dryRun(name: string, combination: Record<string, unknown>) {
    const template = parse(
      await readFile(join(templates, name, 'template.yaml'), 'utf8'),
    );
    const { values } = parse(
      await readFile(join(templates, name, 'test-values.yaml'), 'utf8'),
    );
    const res = await fetch(
      `http://127.0.0.1:${port}/api/scaffolder/v2/dry-run`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${mockCredentials.user.token()}`,
        },
        body: JSON.stringify({
          template,
          values: { ...values, ...combination },
          secrets: {},
          directoryContents: await directoryContents(join(templates, name)),
        }),
      },
    );
    const body = await res.json();
    expect({ status: res.status, error: body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    const file = (path: string) =>
      Buffer.from(
        body.directoryContents.find((f: any) => f.path === path).base64Content,
        'base64',
      ).toString('utf8');
    // What the dry-run log says each step ran with, or that it was skipped.
    const log: string[] = body.log.map((l: any) => l.body.message);
    return { values, body, file, log };
  }

  it('creates the staging and production environments on GitHub, production with the owner as reviewer', async () => {
    const { log } = await dryRun('new-service', {
      runtime: 'node',
      ciProvider: 'github',
      strategy: 'blue-green',
      database: false,
    });
    const text = log.join('\n');
    expect(text).toContain(
      'Skipping because publish:github does not support dry-run',
    );
    expect(text).not.toContain('publish:gitlab');
    const environments = log.filter(l =>
      l.includes('github:environment:create'),
    );
    expect(environments.join('\n')).toContain('"name": "staging"');
    expect(environments.join('\n')).toContain('"name": "production"');
    expect(environments.join('\n')).toContain(
      '"reviewers": [\n    "group:default/payments"',
    );
  });

  it('publishes to GitLab with the project registry image when the CI is GitLab', async () => {
    const { log, file } = await dryRun('new-service', {
      runtime: 'python',
      ciProvider: 'gitlab',
      strategy: 'canary',
      database: true,
      repoUrl: 'gitlab.com?owner=acme&repo=payments-api',
    });
    const text = log.join('\n');
    expect(text).toContain('publish:gitlab');
    expect(text).not.toContain('github:environment:create');
    const pipeline = parse(file('.gitlab-ci.yml'));
    expect(pipeline.build.script[0]).toBe(
      'docker build -t "$CI_REGISTRY_IMAGE:$VERSION" .',
    );
    expect(pipeline['deploy-production'].script).toEqual([
      '.devops/deploy.sh production "$CI_REGISTRY_IMAGE:$VERSION"',
    ]);
    const overlay = parse(file('k8s/overlays/production/kustomization.yaml'));
    expect(overlay.images[0].newName).toBe(
      'registry.gitlab.com/acme/payments-api',
    );
    // Alerts link to the runbook where GitLab shows it.
    const rules = parse(file('monitoring/alerts.rules.yml'));
    expect(rules.groups[0].rules[0].annotations.runbook_url).toMatch(
      /^https:\/\/gitlab\.com\/acme\/payments-api\/-\/blob\/main\/docs\/index\.md#/,
    );
  });

  it('proposes add-devops as a GitLab merge request when the CI is GitLab', async () => {
    const { log } = await dryRun('add-devops', {
      runtime: 'go',
      ciProvider: 'gitlab',
      database: false,
    });
    const text = log.join('\n');
    expect(text).toContain('publish:gitlab:merge-request');
    expect(text).not.toContain('publish:github:pull-request');
  });
});
