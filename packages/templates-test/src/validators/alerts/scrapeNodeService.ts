import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../runTool';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

/** The metric names a Prometheus text exposition offers. */
export function exposedMetricNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\w+)/.exec(line);
    if (type) {
      const [, name, kind] = type;
      names.add(name);
      if (kind === 'histogram') {
        ['_bucket', '_sum', '_count'].forEach(s => names.add(name + s));
      } else if (kind === 'summary') {
        ['_sum', '_count'].forEach(s => names.add(name + s));
      } else if (kind === 'counter' && !name.endsWith('_total')) {
        names.add(`${name}_total`);
      }
      continue;
    }
    const sample = /^([A-Za-z_:][A-Za-z0-9_:]*)[{\s]/.exec(line);
    if (sample) {
      names.add(sample[1]);
    }
  }
  return names;
}

// Installed dependencies by package-lock digest: renderings of one template
// share a lock file, so each distinct one is installed once per process.
const installs = new Map<string, Promise<string>>();

async function installDependencies(dir: string): Promise<void> {
  const lock = await readFile(join(dir, 'package-lock.json'));
  const digest = createHash('sha256').update(lock).digest('hex');
  let install = installs.get(digest);
  if (!install) {
    install = (async () => {
      const target = join(tmpdir(), `templates-test-node-modules-${digest}`);
      // The marker is written last: an interrupted install is redone.
      if (!existsSync(join(target, '.installed'))) {
        await mkdir(target, { recursive: true });
        await cp(join(dir, 'package.json'), join(target, 'package.json'));
        await cp(
          join(dir, 'package-lock.json'),
          join(target, 'package-lock.json'),
        );
        const { code, stderr } = await runTool(
          'npm',
          ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev'],
          { cwd: target },
        );
        if (code !== 0) {
          throw new Error(`npm ci failed: ${stderr.trim()}`);
        }
        await writeFile(join(target, '.installed'), '');
      }
      return join(target, 'node_modules');
    })();
    installs.set(digest, install);
  }
  await symlink(await install, join(dir, 'node_modules'), 'dir');
}

/** Installs the rendered node service's dependencies and scrapes `npm start`. */
export async function scrapeNodeService(dir: string): Promise<Set<string>> {
  const manifest = JSON.parse(
    await readFile(join(dir, 'package.json'), 'utf8'),
  );
  if (Object.keys(manifest.dependencies ?? {}).length > 0) {
    await installDependencies(dir);
  }
  return scrapeService(dir, 'npm', ['start', '--silent']);
}

/**
 * Runs `command` in `dir` with `PORT` set (and `options.databaseUrl` as
 * `DATABASE_URL`, by default one whose server refuses connections, so a
 * service with a database starts its pool and counts the failures), sends it a few requests so its request series
 * exist, scrapes `/metrics`, and stops it with its whole process group.
 */
export async function scrapeService(
  dir: string,
  command: string,
  args: string[],
  options: { databaseUrl?: string } = {},
): Promise<Set<string>> {
  const port = await freePort();
  const refused = await freePort();
  const child = spawn(command, args, {
    cwd: dir,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL:
        options.databaseUrl ??
        `postgresql://service:service@127.0.0.1:${refused}/service`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so stopping it stops what npm started too.
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) {
        throw new Error(
          `${command} ${args.join(' ')} exited with ${
            child.exitCode
          }: ${stderr.trim()}`,
        );
      }
      try {
        if ((await fetch(`${base}/metrics`)).ok) break;
      } catch {
        // not listening yet
      }
      if (attempt > 300) {
        throw new Error(`the service never answered ${base}/metrics`);
      }
      await new Promise(r => setTimeout(r, 100));
    }
    for (const path of ['/', '/no-such-page', '/readyz']) {
      await (await fetch(base + path)).text();
    }
    return exposedMetricNames(await (await fetch(`${base}/metrics`)).text());
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
