import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Finding, RenderedWorkspace } from '../Finding';
import {
  goCommand,
  GoMissingError,
  GoModuleMissingError,
  type GoCommand,
} from './goToolchain';
import { javaClasspath, JavaLibraryMissingError } from './javaLibraries';
import { runTool, ToolMissingError } from './runTool';

/**
 * The name the hostile rows of test-values.yaml try to smuggle into
 * generated files: as a Python or Java statement, a JSON or YAML key, an
 * XML element or attribute. Finding it there means a value escaped the
 * string it was meant to stay in.
 */
export const INJECTION_MARKER = 'injected';

const injectionFinding = (file: string, where: string): Finding => ({
  file,
  rule: 'source/injection',
  message: `A template value escaped its string: "${INJECTION_MARKER}" is ${where}, so free text reached this file without its encoder`,
  severity: 'error',
});

function hasMarkerKey(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.some(hasMarkerKey);
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).some(
      ([key, child]) => key === INJECTION_MARKER || hasMarkerKey(child),
    );
  }
  return false;
}

function checkJson(file: string, text: string): Finding[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    return [
      {
        file,
        line: Number(message.match(/\(line (\d+) column/)?.[1]) || undefined,
        rule: 'source/json',
        message: `Not valid JSON: ${message}`,
        severity: 'error',
      },
    ];
  }
  return hasMarkerKey(parsed) ? [injectionFinding(file, 'a JSON key')] : [];
}

function checkYaml(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const document of parseAllDocuments(text)) {
    const error = document.errors[0];
    if (error) {
      findings.push({
        file,
        line: error.linePos?.[0].line,
        rule: 'source/yaml',
        message: `Not valid YAML: ${error.message.split('\n')[0]}`,
        severity: 'error',
      });
    } else if (hasMarkerKey(document.toJS())) {
      findings.push(injectionFinding(file, 'a YAML key'));
    }
  }
  return findings;
}

// Python compiles its own files and parses the XML ones: its standard
// library has an XML parser and our dependencies have none.
const PYTHON_CHECKS = String.raw`
import json, sys, tokenize
import xml.etree.ElementTree as ET
marker = sys.argv[1]
def report(path, rule, message, line=None):
    print(json.dumps({"file": path, "rule": rule, "message": message, "line": line}))
for path in sys.argv[2:]:
    if path.endswith(".py"):
        # What py_compile does, without writing the bytecode next to the file.
        try:
            with open(path, "rb") as source:
                compile(source.read(), path, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as error:
            report(path, "source/python", "Python refuses it: " + str(error), getattr(error, "lineno", None))
            continue
        with open(path, "rb") as source:
            for token in tokenize.tokenize(source.readline):
                if token.type == tokenize.NAME and token.string == marker:
                    report(path, "source/injection", "a Python statement", token.start[0])
    else:
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as error:
            report(path, "source/xml", "Not well-formed XML: " + str(error), error.position[0])
            continue
        for element in root.iter():
            if element.tag.split("}")[-1] == marker or marker in element.attrib:
                report(path, "source/injection", "an XML element or attribute")
`;

async function checkWithPython(
  workspace: RenderedWorkspace,
  paths: string[],
): Promise<Finding[]> {
  if (paths.length === 0) {
    return [];
  }
  let result;
  try {
    result = await runTool(
      'python3',
      ['-c', PYTHON_CHECKS, INJECTION_MARKER, ...paths],
      { cwd: workspace.dir },
    );
  } catch (error) {
    if (error instanceof ToolMissingError) {
      return [error.finding(paths[0])];
    }
    throw error;
  }
  const { code, stdout, stderr } = result;
  if (code !== 0) {
    throw new Error(`python3 failed: ${stderr.trim()}`);
  }
  return stdout
    .split('\n')
    .filter(Boolean)
    .map(line => {
      const { file, rule, message, line: at } = JSON.parse(line);
      if (rule === 'source/injection') {
        return { ...injectionFinding(file, message), line: at ?? undefined };
      }
      return { file, rule, message, line: at ?? undefined, severity: 'error' };
    });
}

/** javac on the main sources, with the jars of the libraries pom.xml declares. */
async function checkJava(
  workspace: RenderedWorkspace,
  paths: string[],
): Promise<Finding[]> {
  if (paths.length === 0) {
    return [];
  }
  let classpath: string[];
  try {
    classpath = javaClasspath(workspace);
  } catch (error) {
    if (error instanceof JavaLibraryMissingError) {
      return [error.finding('pom.xml')];
    }
    throw error;
  }
  const out = await mkdtemp(join(tmpdir(), 'templates-test-javac-'));
  try {
    let result;
    try {
      result = await runTool(
        'javac',
        [
          '-d',
          out,
          '-encoding',
          'UTF-8',
          ...(classpath.length > 0 ? ['-cp', classpath.join(':')] : []),
          ...paths,
        ],
        { cwd: workspace.dir },
      );
    } catch (error) {
      if (error instanceof ToolMissingError) {
        return [error.finding(paths[0])];
      }
      throw error;
    }
    const { code, stderr } = result;
    if (code === 0) {
      return [];
    }
    const errors = [...stderr.matchAll(/^(.+\.java):(\d+): error: (.+)$/gm)];
    if (errors.length === 0) {
      return [
        {
          file: paths[0],
          rule: 'source/java',
          message: `javac refuses the sources: ${stderr.trim()}`,
          severity: 'error',
        },
      ];
    }
    return errors.map(([, file, line, message]) => ({
      file,
      line: Number(line),
      rule: 'source/java',
      message: `javac refuses it: ${message}`,
      severity: 'error',
    }));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The last lines of a tool's output, enough to show what failed. */
const tail = (text: string, lines = 40) =>
  text.trim().split('\n').slice(-lines).join('\n');

/**
 * `go vet` and `go test` on each module where a Go as new as its go.mod
 * runs (its requirements built from their Debian sources, see
 * goToolchain.ts); a warning says so where Go is not installed.
 */
async function checkGo(
  workspace: RenderedWorkspace,
  goMods: string[],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const goMod of goMods) {
    const moduleDir = join(workspace.dir, goMod, '..');
    let command: GoCommand;
    try {
      command = await goCommand(
        moduleDir,
        workspace.files.find(f => f.path === goMod)!.content.toString('utf8'),
      );
    } catch (error) {
      if (
        error instanceof GoMissingError ||
        error instanceof GoModuleMissingError
      ) {
        findings.push(error.finding(goMod));
        continue;
      }
      throw error;
    }
    try {
      const vet = await command.run(['vet', './...']);
      if (vet.code !== 0) {
        findings.push({
          file: goMod,
          rule: 'source/go',
          message: `go vet refuses the module: ${vet.stderr.trim()}`,
          severity: 'error',
        });
        continue;
      }
      const test = await command.run(['test', './...']);
      if (test.code !== 0) {
        findings.push({
          file: goMod,
          rule: 'source/go-test',
          message: `go test fails: ${tail(`${test.stdout}\n${test.stderr}`)}`,
          severity: 'error',
        });
      }
    } finally {
      await command.dispose();
    }
  }
  return findings;
}

/**
 * Every generated source and data file still parses (JSON, YAML, XML,
 * Python, Java, Go where installed, whose tests must pass too), and no
 * value a template was given escaped its string to become a key, element
 * or statement of its own.
 */
export async function validateSourceFiles(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  const paths = workspace.files.map(f => f.path);
  const text = (path: string) =>
    workspace.files.find(f => f.path === path)!.content.toString('utf8');
  const results = await Promise.all([
    ...paths
      .filter(p => p.endsWith('.json'))
      .map(async p => checkJson(p, text(p))),
    ...paths
      .filter(p => /\.ya?ml$/.test(p))
      .map(async p => checkYaml(p, text(p))),
    checkWithPython(
      workspace,
      paths.filter(p => /\.(py|xml)$/.test(p)),
    ),
    checkJava(
      workspace,
      paths.filter(p => /(^|\/)src\/main\/java\/.+\.java$/.test(p)),
    ),
    checkGo(
      workspace,
      paths.filter(p => /(^|\/)go\.mod$/.test(p)),
    ),
  ]);
  return results.flat();
}
