import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { formatReport } from './formatReport';
import { testTemplates, type TemplatesReport } from './testTemplates';

jest.setTimeout(120_000);

const BROKEN = resolve(__dirname, '__fixtures__/broken-template');
const BIN = resolve(__dirname, '../bin/devops-templates-test');

const allFindings = (report: TemplatesReport) =>
  report.templates.flatMap(t => [
    ...t.findings,
    ...t.renderings.flatMap(r => r.findings),
  ]);

describe('testTemplates', () => {
  let scratch: string;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'templates-test-spec-'));
  });
  afterEach(() => rm(scratch, { recursive: true, force: true }));

  it('fails the broken fixture, naming the file, line and rule of each problem', async () => {
    const report = await testTemplates({ dir: BROKEN });

    expect(report.renderingCount).toBe(1);
    expect(allFindings(report)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: '.github/workflows/ci.yml',
          line: 14,
          rule: 'actionlint/expression',
          message: 'property "version" is not defined in object type {}',
          severity: 'error',
        }),
        expect.objectContaining({
          file: '.github/workflows/ci.yml',
          line: 11,
          rule: 'shellcheck/SC2164',
        }),
        expect.objectContaining({
          file: 'Dockerfile',
          line: 1,
          rule: 'dockerfile/pinned-base',
          message: expect.stringContaining('`node:latest` is not pinned'),
        }),
        expect.objectContaining({
          file: 'Dockerfile',
          rule: 'dockerfile/non-root',
        }),
        expect.objectContaining({
          file: 'Dockerfile',
          rule: 'dockerfile/healthcheck',
        }),
        expect.objectContaining({
          file: 'Dockerfile',
          line: 4,
          rule: 'dockerfile/no-secrets',
          message: expect.stringContaining('NPM_TOKEN'),
        }),
      ]),
    );
    expect(report.errorCount).toBe(6);

    const text = formatReport(report, { cwd: resolve(__dirname, '..') });
    expect(text).toContain('src/__fixtures__/broken-template\n  FAIL default');
    expect(text).toContain(
      'error   .github/workflows/ci.yml:14:24  property "version" is not defined in object type {}  [actionlint/expression]',
    );
    expect(text).toContain('1 rendering of 1 template');
    expect(text).toContain('6 errors');
  });

  it('exits non-zero from the command line on the broken fixture', async () => {
    const run = promisify(execFile)(BIN, [BROKEN, '--json']);
    await expect(run).rejects.toMatchObject({ code: 1 });
    const { stdout } = (await run.catch(e => e)) as { stdout: string };
    expect(JSON.parse(stdout).errorCount).toBe(6);
  });

  it('reports a template without test-values.yaml instead of crashing', async () => {
    await cp(
      join(BROKEN, 'template.yaml'),
      join(scratch, 'no-values', 'template.yaml'),
      {
        recursive: true,
      },
    );

    const report = await testTemplates({ dir: scratch });

    expect(report.templates).toEqual([
      expect.objectContaining({
        name: 'no-values',
        renderings: [],
        findings: [
          expect.objectContaining({
            file: 'test-values.yaml',
            rule: 'test-values/missing',
            message: expect.stringContaining('No test-values.yaml'),
          }),
        ],
      }),
    ]);
    expect(report.errorCount).toBe(1);
  });

  it('reports values the template parameters refuse', async () => {
    const template = join(scratch, 'refused');
    await cp(BROKEN, template, { recursive: true });
    await writeFile(join(template, 'test-values.yaml'), 'values: {}\n');

    const report = await testTemplates({ dir: scratch });

    expect(report.templates[0].renderings[0].findings).toEqual([
      expect.objectContaining({
        rule: 'dry-run/values',
        message: expect.stringMatching(/refuse the values: .*name/),
      }),
    ]);
  });

  it('reports an invalid template entity at its line without rendering it', async () => {
    const template = join(scratch, 'invalid');
    await cp(BROKEN, template, { recursive: true });
    await writeFile(
      join(template, 'template.yaml'),
      [
        'apiVersion: scaffolder.backstage.io/v1beta3',
        'kind: Template',
        'metadata:',
        '  name: invalid',
        'spec:',
        '  type: service',
        '  steps:',
        '    - id: fetch',
        '      input: {}',
        '',
      ].join('\n'),
    );

    const report = await testTemplates({ dir: scratch });

    expect(report.templates[0].renderings).toEqual([]);
    expect(report.templates[0].findings).toEqual([
      expect.objectContaining({
        file: 'template.yaml',
        line: 8,
        rule: 'template/entity',
        message: expect.stringContaining(
          "/spec/steps/0 must have required property 'action'",
        ),
      }),
    ]);
  });
});
