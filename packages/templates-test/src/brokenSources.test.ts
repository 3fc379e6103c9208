import { resolve } from 'node:path';
import { testTemplates } from './testTemplates';

jest.setTimeout(120_000);

const BROKEN = resolve(__dirname, '__fixtures__/broken-sources');

describe('source checks on a deliberately broken fixture', () => {
  it('names the JSON a newline breaks, the XML an ampersand breaks, the Python statement and YAML key a value smuggled in, and the Java javac refuses', async () => {
    const report = await testTemplates({ dir: BROKEN });

    const findings = report.templates[0].renderings[0].findings.filter(f =>
      f.rule.startsWith('source/'),
    );
    const java = (message: string) => ({
      file: 'src/main/java/app/App.java',
      line: 4,
      rule: 'source/java',
      message: `javac refuses it: ${message}`,
      severity: 'error',
    });
    expect(findings).toEqual([
      {
        file: 'app/__init__.py',
        line: 1,
        rule: 'source/injection',
        message:
          'A template value escaped its string: "injected" is a Python statement, so free text reached this file without its encoder',
        severity: 'error',
      },
      {
        file: 'catalog.yaml',
        rule: 'source/injection',
        message:
          'A template value escaped its string: "injected" is a YAML key, so free text reached this file without its encoder',
        severity: 'error',
      },
      {
        file: 'package.json',
        line: 3,
        rule: 'source/json',
        message:
          'Not valid JSON: Bad control character in string literal in JSON at position 54 (line 3 column 25)',
        severity: 'error',
      },
      {
        file: 'pom.xml',
        line: 4,
        rule: 'source/xml',
        message:
          'Not well-formed XML: not well-formed (invalid token): line 4, column 33',
        severity: 'error',
      },
      java("';' expected"),
      java('invalid method declaration; return type required'),
      java("illegal character: '#'"),
      java('unclosed string literal'),
    ]);
  });
});
