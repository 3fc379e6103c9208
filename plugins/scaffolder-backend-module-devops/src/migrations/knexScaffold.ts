import type { MigrationDatabase } from './migrationTools';
import { MIGRATE_USAGE, RUNNER_DIR } from './migrationTools';

/**
 * Exact versions of what the knex runner installs; bump them here. The
 * runner keeps its own manifest so the service's lockfile stays untouched.
 */
export const KNEX_RUNNER_DEPENDENCIES: Record<
  MigrationDatabase,
  Record<string, string>
> = {
  postgres: { knex: '3.3.0', pg: '8.23.1' },
  mysql: { knex: '3.3.0', mysql2: '3.24.6' },
};

const KNEX_CLIENT: Record<MigrationDatabase, string> = {
  postgres: 'pg',
  mysql: 'mysql2',
};

const knexfile = (database: MigrationDatabase) => `'use strict';

// Knex configuration, read by .devops/migrate.sh and by \`npx knex --knexfile
// knexfile.cjs\`. The connection comes from DATABASE_URL, never from here.
module.exports = {
  client: '${KNEX_CLIENT[database]}',
  connection: process.env.DATABASE_URL,
  migrations: {
    directory: './migrations',
    tableName: 'knex_migrations',
    loadExtensions: ['.cjs'],
  },
};
`;

const firstMigration = `'use strict';

// The first migration. Add the service's tables in new files
// (0002_<what>.cjs, ...) and never edit one that has run anywhere.

exports.up = knex =>
  knex.schema.createTable('service_metadata', table => {
    table.string('name', 100).primary();
    table.text('value').notNullable();
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
  });

exports.down = knex => knex.schema.dropTable('service_metadata');
`;

/**
 * Applies migrations one at a time so each has its own transaction and a
 * failure names the migration that failed; records what happened for
 * Backstage.
 */
const runner = `'use strict';

const { createHash } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const knex = require('knex');

const COMMANDS = ['up', 'status', 'rollback'];

function usage(message) {
  console.error(\`\${message}\\nusage: migrate.sh [\${COMMANDS.join('|')}] [--dry-run] [--report <file>]\`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      report: { type: 'string' },
    },
  });
} catch (error) {
  usage(error.message);
}
const command = args.positionals[0] ?? 'up';
const dryRun = args.values['dry-run'];
if (!COMMANDS.includes(command) || args.positionals.length > 1) {
  usage(\`unknown command \${args.positionals.join(' ')}\`);
}
if (!process.env.DATABASE_URL) {
  usage('DATABASE_URL is not set');
}

const config = require(path.resolve('knexfile.cjs'));
const directory = path.resolve(config.migrations.directory);
const tableName = config.migrations.tableName;
const db = knex({ ...config, migrations: { ...config.migrations, directory } });

const fileOf = migration => migration.name ?? migration.file;
const idOf = file => file.replace(/\\.[^.]+$/, '');
const checksumOf = file =>
  createHash('sha256')
    .update(readFileSync(path.join(directory, file)))
    .digest('hex');

/** Applied and pending migrations, in the order knex runs them. */
async function readState() {
  const [completed, pending] = await db.migrate.list();
  const appliedAt = new Map();
  if (await db.schema.hasTable(tableName)) {
    for (const row of await db(tableName).select('name', 'migration_time')) {
      appliedAt.set(row.name, new Date(row.migration_time).toISOString());
    }
  }
  return {
    applied: completed.map(fileOf).map(file => ({ file, appliedAt: appliedAt.get(file) })),
    pending: pending.map(fileOf),
  };
}

function entry(file, status, extra = {}) {
  return { id: idOf(file), name: file, checksum: checksumOf(file), status, ...extra };
}

async function main() {
  const before = await readState();
  const outcome = new Map();
  let failed = false;

  if (command === 'up') {
    for (const file of before.pending) {
      if (dryRun) {
        console.log(\`would apply \${file}\`);
        continue;
      }
      const started = performance.now();
      try {
        await db.migrate.up({ name: file });
        const durationMs = Math.round(performance.now() - started);
        outcome.set(file, { status: 'applied', durationMs });
        console.log(\`applied \${file} (\${durationMs} ms)\`);
      } catch (error) {
        // Its transaction was rolled back; later migrations stay pending.
        outcome.set(file, { status: 'failed' });
        console.error(\`failed \${file}: \${error.message}\`);
        failed = true;
        break;
      }
    }
    if (before.pending.length === 0) {
      console.log('no pending migrations');
    }
  } else if (command === 'rollback') {
    const last = before.applied.at(-1);
    if (!last) {
      console.log('nothing to roll back');
    } else if (dryRun) {
      console.log(\`would roll back \${last.file}\`);
    } else {
      try {
        await db.migrate.down({ name: last.file });
        outcome.set(last.file, { status: 'rolled_back' });
        console.log(\`rolled back \${last.file}\`);
      } catch (error) {
        console.error(\`could not roll back \${last.file}: \${error.message}\`);
        failed = true;
      }
    }
  }

  const after = dryRun ? before : await readState();
  const report = [
    ...after.applied.map(({ file, appliedAt }) =>
      entry(file, 'applied', {
        ...(appliedAt ? { appliedAt } : {}),
        ...(outcome.get(file)?.durationMs !== undefined
          ? { durationMs: outcome.get(file).durationMs }
          : {}),
      }),
    ),
    ...after.pending.map(file => entry(file, outcome.get(file)?.status ?? 'pending')),
  ];
  if (command === 'status' || dryRun) {
    for (const item of report) {
      console.log(\`\${item.status.padEnd(8)} \${item.name}\`);
    }
  }
  if (args.values.report) {
    writeFileSync(args.values.report, \`\${JSON.stringify(report, null, 2)}\\n\`);
  }
  return failed ? 1 : 0;
}

main()
  .then(
    code => {
      process.exitCode = code;
    },
    error => {
      console.error(error.message);
      process.exitCode = 1;
    },
  )
  .finally(() => db.destroy());
`;

const migrateScript = `#!/usr/bin/env bash
${MIGRATE_USAGE}
# Runs the knex migrations in migrations/ from the repository root.
set -euo pipefail

if [ ! -d ${RUNNER_DIR}/node_modules/knex ]; then
  npm install --prefix ${RUNNER_DIR} --omit=dev --no-audit --no-fund --no-package-lock
fi
exec node ${RUNNER_DIR}/migrate.cjs "$@"
`;

/** knexfile, first migration and the runner for node services. */
export function knexScaffold(
  service: string,
  database: MigrationDatabase,
): Record<string, string> {
  return {
    'knexfile.cjs': knexfile(database),
    'migrations/0001_init.cjs': firstMigration,
    [`${RUNNER_DIR}/package.json`]: `${JSON.stringify(
      {
        name: `${service}-migrations`,
        private: true,
        description: `Runs the database migrations of ${service}`,
        dependencies: KNEX_RUNNER_DEPENDENCIES[database],
      },
      null,
      2,
    )}\n`,
    [`${RUNNER_DIR}/migrate.cjs`]: runner,
    [`${RUNNER_DIR}/.gitignore`]: 'node_modules/\n',
    '.devops/migrate.sh': migrateScript,
  };
}
