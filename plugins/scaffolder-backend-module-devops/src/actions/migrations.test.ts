import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATION_STATUSES } from '@backstage-devops/plugin-devops-common';
import { execFile } from 'child_process';
import {
  chmod,
  mkdir,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  writeFile,
} from 'fs/promises';
import { join, resolve } from 'path';
import { promisify } from 'util';
import { actionRunner } from '../__testUtils__/actionRunner';
import { RUNTIMES } from '../dockerfile/runtimes';
import { createMigrationsAction } from './migrations';

const exec = promisify(execFile);

/** Runs a command in the workspace; resolves with its exit code and output. */
async function sh(
  cwd: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
) {
  try {
    const { stdout, stderr } = await exec(command, args, {
      cwd,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return { code: e.code as number, stdout: e.stdout, stderr: e.stderr };
  }
}

const readReport = async (path: string) =>
  JSON.parse(await readFile(path, 'utf8'));

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

/** A fresh PostgreSQL database, as the DATABASE_URL a pipeline would set. */
async function databaseUrl() {
  const db = await databases.init('POSTGRES_15');
  const c = db.client.config.connection;
  const user = encodeURIComponent(c.user ?? 'postgres');
  const password = c.password ? `:${encodeURIComponent(c.password)}` : '';
  return {
    db,
    url: `postgresql://${user}${password}@${c.host}:${c.port ?? 5432}/${
      c.database
    }`,
  };
}

describe('devops:migrations:generate', () => {
  const action = createMigrationsAction();
  const { workspace, run, validate } = actionRunner(action);

  it.each([
    [
      'node',
      'knex',
      [
        'knexfile.cjs',
        'migrations/0001_init.cjs',
        '.devops/migrate/package.json',
        '.devops/migrate/migrate.cjs',
        '.devops/migrate/.gitignore',
        '.devops/migrate.sh',
      ],
    ],
    [
      'python',
      'alembic',
      [
        'alembic.ini',
        'migrations/env.py',
        'migrations/script.py.mako',
        'migrations/versions/0001_init.py',
        '.devops/migrate/requirements.txt',
        '.devops/migrate/migrate.py',
        '.devops/migrate/.gitignore',
        '.devops/migrate.sh',
      ],
    ],
    ['go', 'flyway', ['flyway.conf', 'sql/V1__init.sql', '.devops/migrate.sh']],
    [
      'java',
      'flyway',
      ['flyway.conf', 'sql/V1__init.sql', '.devops/migrate.sh'],
    ],
  ])(
    'sets up %s migrations with %s and the runner the pipeline calls',
    async (runtime, tool, files) => {
      const ctx = await run({ service: 'payments-api', runtime });

      expect(ctx.output).toHaveBeenCalledWith('files', files);
      expect(ctx.output).toHaveBeenCalledWith('tool', tool);
      expect(ctx.output).toHaveBeenCalledWith('command', '.devops/migrate.sh');
      const script = join(workspace.path, '.devops/migrate.sh');
      expect((await stat(script)).mode & 0o111).toBeTruthy();
      const lint = await sh(workspace.path, 'shellcheck', [
        '--shell=bash',
        '--severity=style',
        script,
      ]);
      expect(lint.stdout).toBe('');
    },
  );

  it.each(RUNTIMES)(
    'writes the same bytes for the same input (%s)',
    async runtime => {
      const read = async () => {
        const out: Record<string, string> = {};
        const ctx = await run({
          service: 'ledger',
          runtime,
          database: 'mysql',
        });
        const files = (ctx.output as jest.Mock).mock.calls.find(
          ([name]) => name === 'files',
        )[1];
        for (const file of files) {
          out[file] = await readFile(join(workspace.path, file), 'utf8');
        }
        return out;
      };
      const first = await read();
      await workspace.clear();
      expect(await read()).toEqual(first);
    },
  );

  it.each([
    [{ runtime: 'ruby' }, 'runtime'],
    [{ database: 'oracle' }, 'database'],
    [{ service: 'Payments API' }, 'service'],
  ])('the scaffolder refuses %j naming %s', (patch, field) => {
    expect(
      validate({ service: 'payments-api', runtime: 'node', ...patch }),
    ).toEqual([field]);
  });

  it('writes nothing when the target path leaves the workspace', async () => {
    await expect(
      run({
        service: 'payments-api',
        runtime: 'node',
        targetPath: '../elsewhere',
      }),
    ).rejects.toThrow(/outside/i);
    expect(await readdir(workspace.path)).toEqual([]);
  });

  describe('the knex runner on a real PostgreSQL', () => {
    it('reports, dry-runs, applies, stops at a failing migration and rolls back', async () => {
      const { db, url } = await databaseUrl();
      await run({ service: 'payments-api', runtime: 'node' });
      // The runner's own dependencies, already installed in this repository.
      await symlink(
        resolve(__dirname, '../../../../node_modules'),
        join(workspace.path, '.devops/migrate/node_modules'),
      );
      const migrate = (...args: string[]) =>
        sh(workspace.path, '.devops/migrate.sh', args, { DATABASE_URL: url });
      const report = join(workspace.path, 'migrations.json');

      const status = await migrate('status', '--report', report);
      expect(status.code).toBe(0);
      expect(await readReport(report)).toEqual([
        expect.objectContaining({ id: '0001_init', status: 'pending' }),
      ]);

      const dryRun = await migrate('--dry-run');
      expect(dryRun.stdout).toContain('would apply 0001_init.cjs');
      expect(await db.schema.hasTable('service_metadata')).toBe(false);

      const up = await migrate('up', '--report', report);
      expect(up.code).toBe(0);
      expect(await db.schema.hasTable('service_metadata')).toBe(true);
      const [applied] = await readReport(report);
      expect(applied).toMatchObject({
        id: '0001_init',
        name: '0001_init.cjs',
        status: 'applied',
        checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
        appliedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        durationMs: expect.any(Number),
      });

      // A broken migration stops the run; its transaction leaves no trace
      // and the one after it stays pending.
      await writeFile(
        join(workspace.path, 'migrations/0002_broken.cjs'),
        `exports.up = async knex => {
  await knex.schema.createTable('half_done', t => t.increments());
  await knex.raw('select * from no_such_table');
};
exports.down = () => {};
`,
      );
      await writeFile(
        join(workspace.path, 'migrations/0003_later.cjs'),
        `exports.up = knex => knex.schema.createTable('later', t => t.increments());
exports.down = knex => knex.schema.dropTable('later');
`,
      );
      const failed = await migrate('--report', report);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('failed 0002_broken.cjs');
      expect(
        (await readReport(report)).map((m: any) => [m.id, m.status]),
      ).toEqual([
        ['0001_init', 'applied'],
        ['0002_broken', 'failed'],
        ['0003_later', 'pending'],
      ]);
      expect(await db.schema.hasTable('half_done')).toBe(false);
      expect(await db.schema.hasTable('later')).toBe(false);

      await rm(join(workspace.path, 'migrations/0002_broken.cjs'));
      await rm(join(workspace.path, 'migrations/0003_later.cjs'));
      const rollback = await migrate('rollback', '--report', report);
      expect(rollback.code).toBe(0);
      expect(await readReport(report)).toEqual([
        expect.objectContaining({ id: '0001_init', status: 'rolled_back' }),
      ]);
      expect(await db.schema.hasTable('service_metadata')).toBe(false);
    });
  });

  describe('the Alembic runner on a real PostgreSQL', () => {
    it('installs its pinned requirements, applies, reports and rolls back', async () => {
      const { db, url } = await databaseUrl();
      await run({ service: 'payments-api', runtime: 'python' });
      const migrate = (...args: string[]) =>
        sh(workspace.path, '.devops/migrate.sh', args, {
          DATABASE_URL: url,
          PIP_RETRIES: '0',
        });
      const report = join(workspace.path, 'migrations.json');

      const dryRun = await migrate('--dry-run', '--report', report);
      expect(dryRun).toMatchObject({ code: 0 });
      expect(dryRun.stdout).toContain('would apply 0001');
      expect(await readReport(report)).toEqual([
        expect.objectContaining({ id: '0001', status: 'pending' }),
      ]);
      expect(await db.schema.hasTable('service_metadata')).toBe(false);

      const up = await migrate('--report', report);
      expect(up.code).toBe(0);
      expect(await db.schema.hasTable('service_metadata')).toBe(true);
      expect(await readReport(report)).toEqual([
        expect.objectContaining({
          id: '0001',
          name: '0001_init.py',
          status: 'applied',
          checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
          durationMs: expect.any(Number),
        }),
      ]);

      await writeFile(
        join(workspace.path, 'migrations/versions/0002_broken.py'),
        `from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("create table half_done (id int)")
    op.execute("select * from no_such_table")


def downgrade() -> None:
    pass
`,
      );
      const failed = await migrate('--report', report);
      expect(failed.code).toBe(1);
      expect(
        (await readReport(report)).map((m: any) => [m.id, m.status]),
      ).toEqual([
        ['0001', 'applied'],
        ['0002', 'failed'],
      ]);
      expect(await db.schema.hasTable('half_done')).toBe(false);

      await rm(join(workspace.path, 'migrations/versions/0002_broken.py'));
      const rollback = await migrate('rollback', '--report', report);
      expect(rollback.code).toBe(0);
      expect(await readReport(report)).toEqual([
        expect.objectContaining({ id: '0001', status: 'rolled_back' }),
      ]);
      expect(await db.schema.hasTable('service_metadata')).toBe(false);
    }, 300_000);
  });

  describe('the Flyway runner', () => {
    // Flyway itself cannot be installed here: a stand-in on PATH records how
    // the runner calls it and answers `info` the way Flyway's JSON output does.
    async function withFakeFlyway(migrateExitCode: number) {
      const bin = join(workspace.path, 'bin');
      await mkdir(bin);
      await writeFile(
        join(bin, 'flyway'),
        `#!/usr/bin/env bash
echo "$* FLYWAY_URL=$FLYWAY_URL FLYWAY_USER=$FLYWAY_USER FLYWAY_PASSWORD=$FLYWAY_PASSWORD" >> "${bin}/calls"
case "$*" in
  *migrate*) exit ${migrateExitCode} ;;
  *info*) cat <<'JSON'
{"schemaVersion":"1","migrations":[
 {"category":"Versioned","version":"1","description":"init","type":"SQL","installedOnUTC":"2026-11-23 09:00:01.123","state":"Success","filepath":"/flyway/project/sql/V1__init.sql","executionTime":42},
 {"category":"Versioned","version":"2","description":"add refunds","type":"SQL","installedOnUTC":"2026-11-23 09:00:02.000","state":"Failed","filepath":"/flyway/project/sql/V2__add_refunds.sql","executionTime":7},
 {"category":"Versioned","version":"3","description":"later","type":"SQL","installedOnUTC":"","state":"Pending","filepath":"/flyway/project/sql/V3__later.sql","executionTime":0}
]}
JSON
  ;;
esac
`,
      );
      await chmod(join(bin, 'flyway'), 0o755);
      return {
        calls: async () =>
          (await readFile(join(bin, 'calls'), 'utf8')).trim().split('\n'),
        env: {
          PATH: `${bin}:${process.env.PATH}`,
          DATABASE_URL:
            'postgres://app:p%40ss%3Aword@db.internal:5432/payments',
        },
      };
    }

    it('derives the JDBC connection, migrates and converts Flyway info to the report', async () => {
      await run({ service: 'payments-api', runtime: 'java' });
      const flyway = await withFakeFlyway(1);
      const result = await sh(
        workspace.path,
        '.devops/migrate.sh',
        ['--report', 'migrations.json'],
        flyway.env,
      );

      expect(result.code).toBe(1);
      expect(await flyway.calls()).toEqual([
        '-configFiles=flyway.conf migrate FLYWAY_URL=jdbc:postgresql://db.internal:5432/payments FLYWAY_USER=app FLYWAY_PASSWORD=p@ss:word',
        '-configFiles=flyway.conf -outputType=json info FLYWAY_URL=jdbc:postgresql://db.internal:5432/payments FLYWAY_USER=app FLYWAY_PASSWORD=p@ss:word',
      ]);
      const report = await readReport(join(workspace.path, 'migrations.json'));
      expect(report).toEqual([
        {
          id: 'V1__init',
          name: 'init',
          status: 'applied',
          appliedAt: '2026-11-23T09:00:01Z',
          durationMs: 42,
        },
        {
          id: 'V2__add_refunds',
          name: 'add refunds',
          status: 'failed',
          appliedAt: '2026-11-23T09:00:02Z',
          durationMs: 7,
        },
        { id: 'V3__later', name: 'later', status: 'pending' },
      ]);
      for (const migration of report) {
        expect(MIGRATION_STATUSES).toContain(migration.status);
      }
    });

    it('changes nothing on a dry run and refuses rollback, which Flyway Community cannot do', async () => {
      await run({ service: 'payments-api', runtime: 'go' });
      const flyway = await withFakeFlyway(0);
      const dryRun = await sh(
        workspace.path,
        '.devops/migrate.sh',
        ['--dry-run'],
        flyway.env,
      );
      expect(dryRun.code).toBe(0);
      expect(dryRun.stdout).toContain('Pending\t3\tlater');
      expect((await flyway.calls()).some(c => c.includes('migrate'))).toBe(
        false,
      );

      const rollback = await sh(
        workspace.path,
        '.devops/migrate.sh',
        ['rollback'],
        flyway.env,
      );
      expect(rollback.code).toBe(2);
      expect(rollback.stderr).toContain('cannot undo');
    });
  });
});
