import { ChildProcess, spawn } from 'child_process';
import { existsSync } from 'fs';
import { mkdtemp, rm, writeFile } from 'fs/promises';
import { createServer, type AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';

const BINARIES = ['/usr/bin/prometheus-alertmanager', '/usr/bin/alertmanager'];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

/**
 * A real Prometheus Alertmanager (Debian's package) on a loopback port,
 * running a given configuration, such as a generated one.
 */
export class RunningAlertmanager {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly url: string,
  ) {}

  static async start(config: object): Promise<RunningAlertmanager> {
    const binary = BINARIES.find(existsSync);
    if (!binary) {
      throw new Error(
        'Alertmanager not found; install Debian package prometheus-alertmanager',
      );
    }
    const dir = await mkdtemp(join(tmpdir(), 'generated-alertmanager-'));
    await writeFile(join(dir, 'alertmanager.yml'), stringify(config));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(
      binary,
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--web.external-url=${url}`,
        // A single instance: no cluster gossip on other ports.
        '--cluster.listen-address=',
        '--log.level=warn',
      ],
      { stdio: 'ignore' },
    );
    const alertmanager = new RunningAlertmanager(child, dir, url);
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`${url}/-/ready`)).ok) {
          return alertmanager;
        }
      } catch {
        // not listening yet
      }
      if (attempt > 100 || child.exitCode !== null) {
        await alertmanager.stop();
        throw new Error('Alertmanager did not become ready');
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }

  /** Sends alerts the way Prometheus does (`POST /api/v2/alerts`). */
  async push(alerts: object[]) {
    const res = await fetch(`${this.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts),
    });
    if (!res.ok) {
      throw new Error(
        `Alertmanager refused alerts: ${res.status} ${await res.text()}`,
      );
    }
  }

  async stop() {
    if (this.child.exitCode === null) {
      const exited = new Promise(r => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
