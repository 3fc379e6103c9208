import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../Finding';
import { runTool, ToolMissingError } from './runTool';

/** Where Debian's golang-*-dev packages put their module sources. */
const DEBIAN_GOCODE = '/usr/share/gocode/src';

/**
 * The modules a generated go.mod may require, with the Debian package whose
 * source stands in for each here: no module proxy is reachable, so the
 * go command builds against that source (when its version is the one
 * go.mod pins) instead of downloading it.
 */
const MODULES: Record<string, { debianPackage: string }> = {
  'github.com/lib/pq': { debianPackage: 'golang-github-lib-pq-dev' },
};

/** Go, or a Go as new as the module's `go` line, is not installed here. */
export class GoMissingError extends Error {
  constructor(required: string, found: string[]) {
    super(
      `Go ${required} or newer is not installed${
        found.length > 0 ? ` (found ${found.join(', ')})` : ''
      }, so the Go service was not vetted, tested or run. Install golang-1.23-go from bookworm-backports (scripts/system-deps.sh does) or put a Go toolchain on PATH.`,
    );
  }

  finding(file: string): Finding {
    return {
      file,
      rule: 'source/go-missing',
      message: this.message,
      severity: 'warning',
    };
  }
}

/** A module go.mod requires has no Debian source of that version here. */
export class GoModuleMissingError extends Error {
  finding(file: string): Finding {
    return {
      file,
      rule: 'source/go-module-missing',
      message: this.message,
      severity: 'error',
    };
  }
}

/** The parts of a go.mod the go command needs to run offline here. */
export interface GoModFile {
  /** Its `go` line, e.g. `1.23`. */
  go: string;
  /** Its `require`s, indirect ones included. */
  requires: Array<{ path: string; version: string }>;
}

export function parseGoMod(text: string): GoModFile {
  const lines = text
    .split('\n')
    .map(line => line.replace(/\/\/.*$/, '').trim());
  const go = lines.map(line => /^go\s+(\S+)$/.exec(line)?.[1]).find(Boolean);
  const requires: GoModFile['requires'] = [];
  let inBlock = false;
  for (const line of lines) {
    if (inBlock) {
      if (line === ')') {
        inBlock = false;
      } else if (line) {
        const [path, version] = line.split(/\s+/);
        requires.push({ path, version });
      }
      continue;
    }
    if (/^require\s*\($/.test(line)) {
      inBlock = true;
      continue;
    }
    const single = /^require\s+(\S+)\s+(\S+)$/.exec(line);
    if (single) {
      requires.push({ path: single[1], version: single[2] });
    }
  }
  return { go: go ?? '1.0', requires };
}

const versionParts = (version: string) =>
  (/(\d+(?:\.\d+)*)/.exec(version)?.[1] ?? '0').split('.').map(Number);

/** Compares dotted versions (`go1.23.5` against `1.23`): negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The go commands to try: `TEMPLATES_TEST_GO` when set, else the one on
 * PATH and Debian's versioned ones (golang-1.NN-go, which is not on PATH),
 * newest first.
 */
function goCandidates(): string[] {
  if (process.env.TEMPLATES_TEST_GO) {
    return [process.env.TEMPLATES_TEST_GO];
  }
  const versioned = existsSync('/usr/lib')
    ? readdirSync('/usr/lib')
        .filter(name => /^go-\d+\.\d+$/.test(name))
        .sort((a, b) => compareVersions(b, a))
        .map(name => `/usr/lib/${name}/bin/go`)
        .filter(go => existsSync(go))
    : [];
  return ['go', ...versioned];
}

const versions = new Map<string, Promise<string | undefined>>();

/** `go env GOVERSION` of a go command, undefined when it does not run. */
function goVersion(go: string): Promise<string | undefined> {
  let version = versions.get(go);
  if (!version) {
    version = runTool(go, ['env', 'GOVERSION'], {
      env: { GOTOOLCHAIN: 'local' },
    })
      .then(({ code, stdout }) => (code === 0 ? stdout.trim() : undefined))
      .catch(error => {
        if (error instanceof ToolMissingError) return undefined;
        throw error;
      });
    versions.set(go, version);
  }
  return version;
}

/** The first go command at least as new as `required`; throws {@link GoMissingError}. */
export async function findGo(required: string): Promise<string> {
  const found: string[] = [];
  for (const go of goCandidates()) {
    const version = await goVersion(go);
    if (!version) continue;
    if (compareVersions(version, required) >= 0) {
      return go;
    }
    found.push(`${version} at ${go}`);
  }
  throw new GoMissingError(required, found);
}

const debianVersions = new Map<string, Promise<string | undefined>>();

/** The upstream part of an installed Debian package's version (1.10.7 of 1.10.7-2). */
function debianUpstreamVersion(pkg: string): Promise<string | undefined> {
  let version = debianVersions.get(pkg);
  if (!version) {
    version = runTool('dpkg-query', ['-W', '-f=${Version}', pkg])
      .then(({ code, stdout }) =>
        code === 0 ? /^(?:\d+:)?([^-+~]+)/.exec(stdout.trim())?.[1] : undefined,
      )
      .catch(() => undefined);
    debianVersions.set(pkg, version);
  }
  return version;
}

/**
 * `go.work` replace lines pointing each required module at its Debian
 * source. Throws {@link GoModuleMissingError} when the source is missing or
 * another version than go.mod's, and an Error for a module this checker
 * has no Debian package for (add it to MODULES).
 */
async function debianReplacements(
  requires: GoModFile['requires'],
  gocode: string,
): Promise<string[]> {
  const unknown = requires.filter(r => !MODULES[r.path]);
  if (unknown.length > 0) {
    throw new Error(
      `go.mod requires ${unknown
        .map(r => r.path)
        .join(', ')}, which the templates test has no Debian source for`,
    );
  }
  const lines: string[] = [];
  for (const { path, version } of requires) {
    const { debianPackage } = MODULES[path];
    const dir = join(gocode, path);
    if (!existsSync(join(dir, 'go.mod'))) {
      throw new GoModuleMissingError(
        `go.mod requires ${path} ${version}, whose source is not in ${gocode} (no module proxy is used here), so the Go service was not vetted, tested or run. Install it with \`apt-get install ${debianPackage}\` or run scripts/system-deps.sh.`,
      );
    }
    const installed = await debianUpstreamVersion(debianPackage);
    if (`v${installed}` !== version) {
      throw new GoModuleMissingError(
        `go.mod requires ${path} ${version}, but ${debianPackage} here is ${
          installed ?? 'of unknown version'
        }, so the Go service was not built against it. Pin the version Debian ships, whose go.sum hashes are the published ones.`,
      );
    }
    lines.push(`replace ${path} ${version} => ${JSON.stringify(dir)}`);
  }
  return lines;
}

/** How to run the go command on one rendered module. */
export interface GoCommand {
  go: string;
  env: Record<string, string>;
  /** Runs `go <args>` in the module's directory. */
  run(args: string[]): ReturnType<typeof runTool>;
  /** Removes the workspace file written for it. */
  dispose(): Promise<void>;
}

/**
 * The go command for the module in `moduleDir`, offline: no proxy, no
 * toolchain download, and the modules go.mod requires replaced by their
 * Debian sources through a `go.work` outside the rendering (directory
 * replacements skip the go.sum check, which the published hashes in the
 * rendered go.sum would fail against Debian's trimmed source tree).
 */
export async function goCommand(
  moduleDir: string,
  goModText: string,
  gocode: string = DEBIAN_GOCODE,
): Promise<GoCommand> {
  const mod = parseGoMod(goModText);
  const go = await findGo(mod.go);
  const env: Record<string, string> = {
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    GOFLAGS: '',
    GOWORK: 'off',
  };
  const command = (commandEnv: Record<string, string>) => ({
    go,
    env: commandEnv,
    run: (args: string[]) =>
      runTool(go, args, { cwd: moduleDir, env: commandEnv }),
  });
  if (mod.requires.length === 0) {
    return { ...command(env), dispose: async () => {} };
  }
  const replacements = await debianReplacements(mod.requires, gocode);
  const dir = await mkdtemp(join(tmpdir(), 'templates-test-gowork-'));
  await writeFile(
    join(dir, 'go.work'),
    [
      `go ${mod.go}`,
      '',
      `use ${JSON.stringify(moduleDir)}`,
      '',
      ...replacements,
      '',
    ].join('\n'),
  );
  return {
    ...command({ ...env, GOWORK: join(dir, 'go.work') }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
