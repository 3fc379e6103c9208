import { execFile } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { freePort } from './freePort';

const run = promisify(execFile);

function findBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const dir = join(base, version, 'bin');
    if (existsSync(join(dir, 'initdb'))) {
      return dir;
    }
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql; install the postgresql package',
  );
}

/**
 * A throwaway PostgreSQL server of the machine's own installation, on a free
 * loopback port, that a test may stop and start at will without disturbing
 * the shared server other tests use. PostgreSQL refuses to run as root, so
 * as root it runs as the `postgres` user.
 */
export class TemporaryPostgres {
  private constructor(
    private readonly binDir: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<TemporaryPostgres> {
    const binDir = findBinDir();
    const dir = mkdtempSync(join(tmpdir(), 'devops-pg-'));
    const port = await freePort();
    const pg = new TemporaryPostgres(binDir, dir, port);
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await pg.exec('initdb', [
      '-D',
      pg.dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
    ]);
    await pg.startServer();
    return pg;
  }

  get connection() {
    return { host: '127.0.0.1', port: this.port, user: 'postgres' };
  }

  private get dataDir() {
    return join(this.dir, 'data');
  }

  private async exec(tool: string, args: string[]) {
    const binary = join(this.binDir, tool);
    if (process.getuid?.() === 0) {
      return run('runuser', ['-u', 'postgres', '--', binary, ...args]);
    }
    return run(binary, args);
  }

  async startServer() {
    await this.exec('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`,
      'start',
    ]);
  }

  /** Stops the server the way an operator's restart or a crash would. */
  async stopServer() {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  async destroy() {
    try {
      await this.stopServer();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
