import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { freePort } from './freePort';

const BINARIES = ['/usr/bin/prometheus-alertmanager', '/usr/bin/alertmanager'];

/**
 * A real Prometheus Alertmanager (Debian's package) on a loopback port, with
 * one route that posts every notification to `webhookUrl` with a bearer
 * token, grouping by alert name and sending resolutions.
 */
export class TemporaryAlertmanager {
  private constructor(
    private readonly process: ChildProcess,
    private readonly dir: string,
    readonly url: string,
  ) {}

  static async start(options: {
    webhookUrl: string;
    token: string;
  }): Promise<TemporaryAlertmanager> {
    const binary = BINARIES.find(existsSync);
    if (!binary) {
      throw new Error(
        'Alertmanager not found; install Debian package prometheus-alertmanager',
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'devops-alertmanager-'));
    writeFileSync(
      join(dir, 'alertmanager.yml'),
      stringify({
        route: {
          receiver: 'backstage',
          group_by: ['alertname'],
          group_wait: '0s',
          group_interval: '1s',
          repeat_interval: '1h',
        },
        receivers: [
          {
            name: 'backstage',
            webhook_configs: [
              {
                url: options.webhookUrl,
                send_resolved: true,
                http_config: {
                  authorization: { type: 'Bearer', credentials: options.token },
                },
              },
            ],
          },
        ],
      }),
    );
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(
      binary,
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--web.external-url=${url}`,
        // No cluster gossip: a single instance, nothing on other ports.
        '--cluster.listen-address=',
        '--log.level=warn',
      ],
      { stdio: 'ignore' },
    );
    const am = new TemporaryAlertmanager(child, dir, url);
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        if ((await fetch(`${url}/-/ready`)).ok) {
          return am;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline || child.exitCode !== null) {
        await am.stop();
        throw new Error('Alertmanager did not become ready');
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }

  /** Sends alerts the way Prometheus does (`POST /api/v2/alerts`). */
  async push(
    alerts: Array<{
      labels: Record<string, string>;
      annotations?: Record<string, string>;
      startsAt?: string;
      endsAt?: string;
    }>,
  ) {
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
    this.process.kill('SIGTERM');
    await new Promise(r => setTimeout(r, 200));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
