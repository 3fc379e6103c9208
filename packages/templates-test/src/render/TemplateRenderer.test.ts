import { resolve } from 'node:path';
import { parse } from 'yaml';
import { renderTemplate } from './TemplateRenderer';

jest.setTimeout(60_000);

const FIXTURE = resolve(__dirname, '../__fixtures__/templates/devops-service');

describe('renderTemplate', () => {
  it('returns the files a dry-run of the template produced, through to publish and register', async () => {
    const { files, log, output } = await renderTemplate({
      templateDir: FIXTURE,
      values: {
        name: 'ledger',
        owner: 'group:default/finance',
        repoUrl: 'github.com?owner=acme&repo=ledger',
        runtime: 'python',
        ciProvider: 'gitlab',
        strategy: 'blue-green',
        database: true,
      },
    });

    const byPath = new Map(files.map(f => [f.path, f]));
    expect([...byPath.keys()]).toEqual(
      expect.arrayContaining([
        'README.md',
        'src/config.yaml',
        'Dockerfile',
        '.gitlab-ci.yml',
        '.devops/deploy.sh',
        'k8s/base/deployment.yaml',
        'monitoring/alerts.rules.yml',
        'catalog-info.yaml',
      ]),
    );
    expect(byPath.has('.github/workflows/ci-cd.yml')).toBe(false);
    // The skeleton was rendered with the values...
    expect(byPath.get('README.md')!.content.toString()).toBe(
      '# ledger\n\nA python service.\n',
    );
    // ...and the actions with them.
    expect(
      parse(byPath.get('catalog-info.yaml')!.content.toString()).metadata.name,
    ).toBe('ledger');
    expect(byPath.get('.devops/deploy.sh')!.executable).toBe(true);

    // Steps without dry-run support are skipped with example outputs, so
    // the run reaches its end.
    expect(log).toEqual(
      expect.arrayContaining([
        '[publish] Skipping because publish:github does not support dry-run',
        '[register] Skipping because catalog:register does not support dry-run',
      ]),
    );
    expect(output).toEqual({
      links: [{ title: 'Repository', url: expect.any(String) }],
    });
  });
});
