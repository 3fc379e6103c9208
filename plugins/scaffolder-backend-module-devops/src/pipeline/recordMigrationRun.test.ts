import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFile, spawn } from 'child_process';
import { writeFile } from 'fs/promises';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { promisify } from 'util';
import { recordMigrationRunScript } from './recordMigrationRun';

const exec = promisify(execFile);

interface Push {
  method?: string;
  url?: string;
  body: string;
}

/** A stand-in for the Pushgateway that keeps what it is sent. */
async function startPushgateway() {
  const pushes: Push[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      pushes.push({ method: req.method, url: req.url, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    pushes,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** `promtool check metrics` reads the exposition text on its standard input. */
function checkMetrics(text: string) {
  return new Promise<{ code: number | null; output: string }>(resolve => {
    const child = spawn('promtool', ['check', 'metrics']);
    let output = '';
    child.stdout.on('data', chunk => {
      output += chunk;
    });
    child.stderr.on('data', chunk => {
      output += chunk;
    });
    child.on('close', code => resolve({ code, output }));
    child.stdin.end(text);
  });
}

describe('the generated record-migration-run.sh', () => {
  const dir = createMockDirectory();
  const script = () => join(dir.path, 'record-migration-run.sh');

  beforeEach(async () => {
    await writeFile(script(), recordMigrationRunScript('payments-api'), {
      mode: 0o755,
    });
  });

  it('replaces the environment group in the Pushgateway with the run result, so a later success clears the alert', async () => {
    const pushgateway = await startPushgateway();
    try {
      const env = { ...process.env, PUSHGATEWAY_URL: pushgateway.url };
      await exec(script(), ['production', 'failure'], { env });
      await exec(script(), ['staging', 'success'], { env });

      expect(pushgateway.pushes.map(p => `${p.method} ${p.url}`)).toEqual([
        'PUT /metrics/job/payments-api-migrations/namespace/payments-api-production',
        'PUT /metrics/job/payments-api-migrations/namespace/payments-api-staging',
      ]);
      const [failed, succeeded] = pushgateway.pushes.map(p => p.body);
      expect(failed).toMatch(/^db_migration_last_run_failed 1$/m);
      expect(succeeded).toMatch(/^db_migration_last_run_failed 0$/m);
      expect(failed).toMatch(
        /^db_migration_last_run_timestamp_seconds \d{10}$/m,
      );
      expect(await checkMetrics(failed)).toEqual({ code: 0, output: '' });
    } finally {
      await pushgateway.close();
    }
  });

  it('warns and lets the pipeline go on without a Pushgateway, or when it does not answer', async () => {
    const { PUSHGATEWAY_URL: _, ...withoutUrl } = process.env;
    const unset = await exec(script(), ['production', 'failure'], {
      env: withoutUrl,
    });
    expect(unset.stderr).toContain(
      'PUSHGATEWAY_URL is not set, so no alert watches this migration run',
    );

    const down = await exec(script(), ['production', 'failure'], {
      env: {
        ...process.env,
        PUSHGATEWAY_URL: 'http://127.0.0.1:9',
        PUSHGATEWAY_RETRIES: '0',
      },
    });
    expect(down.stderr).toContain(
      'could not record the migration result in the Pushgateway',
    );
  });

  it('refuses an outcome other than success or failure', async () => {
    await expect(exec(script(), ['production', 'skipped'])).rejects.toEqual(
      expect.objectContaining({ code: 2 }),
    );
  });
});
