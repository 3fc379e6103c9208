import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { testTemplates, type TemplatesReport } from './testTemplates';
import { readTestValues } from './testValues';

// The repository's own golden-path templates, every matrix combination.
const TEMPLATES = resolve(__dirname, '../../../templates');

const templateNames = readdirSync(TEMPLATES, { withFileTypes: true })
  .filter(
    e =>
      e.isDirectory() && existsSync(join(TEMPLATES, e.name, 'template.yaml')),
  )
  .map(e => e.name)
  .sort();

const errorsOnly = <T extends { severity: string }>(findings: T[]) =>
  findings.filter(f => f.severity === 'error');

describe('the repository templates', () => {
  let report: TemplatesReport;

  beforeAll(async () => {
    report = await testTemplates({ dir: TEMPLATES });
  }, 15 * 60_000);

  it('include new-service and add-devops', () => {
    expect(templateNames).toEqual(
      expect.arrayContaining(['add-devops', 'new-service']),
    );
  });

  describe.each(templateNames)('%s', name => {
    const { combinations } = readTestValues(join(TEMPLATES, name));

    it('is a valid template with example values', () => {
      const template = report.templates.find(t => t.name === name)!;
      expect(template.findings).toEqual([]);
      expect(template.renderings.map(r => r.combination)).toEqual(
        combinations.map(c => c.label),
      );
    });

    it.each(combinations.map(c => c.label))(
      'renders %s into files every validator accepts',
      label => {
        const rendering = report.templates
          .find(t => t.name === name)!
          .renderings.find(r => r.combination === label)!;
        expect(rendering.files.length).toBeGreaterThan(0);
        expect(errorsOnly(rendering.findings)).toEqual([]);
      },
    );
  });
});
