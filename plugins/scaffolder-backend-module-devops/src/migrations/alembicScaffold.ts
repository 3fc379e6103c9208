import type { MigrationDatabase } from './migrationTools';
import { MIGRATE_USAGE, RUNNER_DIR } from './migrationTools';

/** Exact versions the alembic runner installs in its own virtualenv. */
export const ALEMBIC_RUNNER_REQUIREMENTS: Record<MigrationDatabase, string[]> =
  {
    postgres: [
      'alembic==1.20.0',
      'SQLAlchemy==2.1.1',
      'psycopg[binary]==3.3.6',
    ],
    mysql: ['alembic==1.20.0', 'SQLAlchemy==2.1.1', 'PyMySQL==1.2.3'],
  };

/** SQLAlchemy names the driver in the URL scheme; DATABASE_URL does not. */
const databaseUrlFunction = `def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("DATABASE_URL is not set")
    for scheme, driver in (
        ("postgres://", "postgresql+psycopg://"),
        ("postgresql://", "postgresql+psycopg://"),
        ("mysql://", "mysql+pymysql://"),
    ):
        if url.startswith(scheme):
            return driver + url[len(scheme) :]
    return url
`;

const alembicIni = `# Alembic configuration, read by .devops/migrate.sh and by \`alembic\`.
# The database comes from DATABASE_URL (see migrations/env.py), never from here.
[alembic]
script_location = %(here)s/migrations
prepend_sys_path = .
file_template = %%(rev)s_%%(slug)s

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARNING
handlers = console
qualname =

[logger_sqlalchemy]
level = WARNING
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
`;

const envPy = `"""Alembic environment: one transaction per migration, URL from DATABASE_URL."""

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

# Set to the service's MetaData to let \`alembic revision --autogenerate\` diff it.
target_metadata = None


${databaseUrlFunction}

def run_migrations_offline() -> None:
    """Print the SQL instead of running it (\`--dry-run\`, \`alembic upgrade --sql\`)."""
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
`;

const scriptTemplate = `"""\${message}

Revision ID: \${up_revision}
Revises: \${down_revision | comma,n}
"""

import sqlalchemy as sa
from alembic import op
\${imports if imports else ""}

revision = \${repr(up_revision)}
down_revision = \${repr(down_revision)}
branch_labels = \${repr(branch_labels)}
depends_on = \${repr(depends_on)}


def upgrade() -> None:
    \${upgrades if upgrades else "pass"}


def downgrade() -> None:
    \${downgrades if downgrades else "pass"}
`;

const firstMigration = `"""Create service_metadata.

The first migration. Add the service's tables with \`alembic revision -m "..."\`
and never edit a revision that has run anywhere.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_metadata",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.now(),
        ),
    )


def downgrade() -> None:
    op.drop_table("service_metadata")
`;

/**
 * Applies revisions one at a time so a failure names the revision that
 * failed, and records what happened for Backstage.
 */
const runner = `"""Runs the Alembic migrations and writes the report Backstage reads."""

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, pool


${databaseUrlFunction}

def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="migrate.sh")
    parser.add_argument("command", nargs="?", default="up", choices=["up", "status", "rollback"])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--report")
    return parser.parse_args()


def current_revision() -> str | None:
    engine = create_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def main() -> int:
    args = parse_args()
    database_url()
    config = Config("alembic.ini")
    script = ScriptDirectory.from_config(config)
    # Base first, in the order Alembic applies them.
    revisions = list(reversed(list(script.walk_revisions())))

    def applied_ids() -> set[str]:
        current = current_revision()
        if current is None:
            return set()
        return {r.revision for r in script.iterate_revisions(current, "base")}

    before = applied_ids()
    outcome: dict[str, dict] = {}
    failed = False

    if args.command == "up":
        pending = [r for r in revisions if r.revision not in before]
        if not pending:
            print("no pending migrations")
        for revision in pending:
            if args.dry_run:
                print(f"would apply {revision.revision} ({revision.doc})")
                continue
            started = time.monotonic()
            try:
                command.upgrade(config, revision.revision)
            except Exception as error:  # noqa: BLE001 - report, then fail
                # Its transaction was rolled back; later revisions stay pending.
                outcome[revision.revision] = {"status": "failed"}
                print(f"failed {revision.revision}: {error}", file=sys.stderr)
                failed = True
                break
            duration = round((time.monotonic() - started) * 1000)
            outcome[revision.revision] = {"status": "applied", "durationMs": duration}
            print(f"applied {revision.revision} ({duration} ms)")
    elif args.command == "rollback":
        applied = [r for r in revisions if r.revision in before]
        if not applied:
            print("nothing to roll back")
        elif args.dry_run:
            print(f"would roll back {applied[-1].revision}")
        else:
            try:
                command.downgrade(config, "-1")
                outcome[applied[-1].revision] = {"status": "rolled_back"}
                print(f"rolled back {applied[-1].revision}")
            except Exception as error:  # noqa: BLE001 - report, then fail
                print(f"could not roll back {applied[-1].revision}: {error}", file=sys.stderr)
                failed = True

    after = before if args.dry_run else applied_ids()
    report = []
    for revision in revisions:
        status = "applied" if revision.revision in after else "pending"
        entry = {
            "id": revision.revision,
            "name": Path(revision.path).name,
            "checksum": hashlib.sha256(Path(revision.path).read_bytes()).hexdigest(),
            "status": outcome.get(revision.revision, {}).get("status", status),
        }
        if "durationMs" in outcome.get(revision.revision, {}):
            entry["durationMs"] = outcome[revision.revision]["durationMs"]
        report.append(entry)
    if args.command == "status" or args.dry_run:
        for entry in report:
            print(f"{entry['status']:<8} {entry['id']} {entry['name']}")
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=2) + "\\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
`;

const migrateScript = `#!/usr/bin/env bash
${MIGRATE_USAGE}
# Runs the Alembic migrations in migrations/versions from the repository root,
# with the runner's pinned requirements in a virtualenv of its own.
set -euo pipefail

venv="${RUNNER_DIR}/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r ${RUNNER_DIR}/requirements.txt
fi
exec "$venv/bin/python" ${RUNNER_DIR}/migrate.py "$@"
`;

/** alembic.ini, env.py, the first revision and the runner for python services. */
export function alembicScaffold(
  database: MigrationDatabase,
): Record<string, string> {
  return {
    'alembic.ini': alembicIni,
    'migrations/env.py': envPy,
    'migrations/script.py.mako': scriptTemplate,
    'migrations/versions/0001_init.py': firstMigration,
    [`${RUNNER_DIR}/requirements.txt`]: `${ALEMBIC_RUNNER_REQUIREMENTS[
      database
    ].join('\n')}\n`,
    [`${RUNNER_DIR}/migrate.py`]: runner,
    [`${RUNNER_DIR}/.gitignore`]: '.venv/\n',
    '.devops/migrate.sh': migrateScript,
  };
}
