import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { testTemplates } from './testTemplates';
import { readTestValues } from './testValues';

jest.setTimeout(180_000);

const TEMPLATES = resolve(__dirname, '../../../templates');

// Free text the golden-path templates refuse: their hostile test rows use
// the hardest values still accepted, so this proves where the line is.
const refused = [
  { description: 'Takes payments.\nimport os' },
  { description: 'Takes payments.\r' },
  { description: 'Takes \u001b[31mpayments' },
  { description: 'x'.repeat(201) },
  { owner: 'group:default/payments"\n  injected: true' },
  { system: 'system:default/shop & co' },
  { repoUrl: 'github.com?owner=acme%0Ainjected&repo=payments-api' },
];

describe.each(['new-service', 'add-devops'])(
  'the %s parameters',
  templateName => {
    let scratch: string;
    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'templates-test-bounds-'));
      const copy = join(scratch, templateName);
      await cp(join(TEMPLATES, templateName), copy, { recursive: true });
      const { values } = readTestValues(copy);
      const accepted = {
        ...values,
        runtime: 'python',
        ciProvider: 'github',
        strategy: 'rolling',
      };
      await writeFile(
        join(copy, 'test-values.yaml'),
        stringify({ values: accepted, include: refused }),
      );
    });
    afterAll(() => rm(scratch, { recursive: true, force: true }));

    it('refuse free text that no encoder in the generated files could carry', async () => {
      const report = await testTemplates({ dir: scratch });

      const refusals = report.templates[0].renderings.map(r =>
        r.findings.map(f => `${f.rule}: ${f.message}`),
      );
      const refusal = (field: string, problem: string) => [
        `dry-run/values: The template's parameters refuse the values: ${field} ${problem}`,
      ];
      const oneLine = refusal(
        'description',
        'does not match pattern "^[^\\\\x00-\\\\x1F\\\\x7F]*$"',
      );
      expect(refusals).toEqual([
        oneLine,
        oneLine,
        oneLine,
        refusal('description', 'does not meet maximum length of 200'),
        refusal(
          'owner',
          'does not match pattern "^((user|group):)?([a-z0-9._-]+/)?[A-Za-z0-9._-]+$"',
        ),
        refusal(
          'system',
          'does not match pattern "^(system:)?([a-z0-9._-]+/)?[A-Za-z0-9._-]+$"',
        ),
        refusal(
          'repoUrl',
          'does not match pattern "^(github\\\\.com|gitlab\\\\.com)\\\\?owner=[A-Za-z0-9_.-]+(%2F[A-Za-z0-9_.-]+)*&repo=[A-Za-z0-9_.-]+$"',
        ),
      ]);
    });
  },
);
