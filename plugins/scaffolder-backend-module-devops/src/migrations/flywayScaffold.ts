import type { MigrationDatabase } from './migrationTools';
import { MIGRATE_USAGE } from './migrationTools';

/** The Flyway image migrate.sh falls back to when no `flyway` is installed. */
export const FLYWAY_IMAGE = 'flyway/flyway:10.22.0';

const flywayConf = `# Flyway configuration, read by .devops/migrate.sh. The connection comes from
# FLYWAY_URL, FLYWAY_USER and FLYWAY_PASSWORD, which migrate.sh derives from
# DATABASE_URL; never put credentials here.
flyway.locations=filesystem:sql
flyway.table=flyway_schema_history
flyway.validateMigrationNaming=true
flyway.validateOnMigrate=true
flyway.outOfOrder=false
flyway.baselineOnMigrate=false
flyway.cleanDisabled=true
`;

const firstMigration: Record<MigrationDatabase, string> = {
  postgres: `-- The first migration. Add the service's tables in new files (V2__<what>.sql,
-- ...) and never edit one that has run anywhere: Flyway checks checksums.
CREATE TABLE service_metadata (
  name VARCHAR(100) PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
`,
  mysql: `-- The first migration. Add the service's tables in new files (V2__<what>.sql,
-- ...) and never edit one that has run anywhere: Flyway checks checksums.
CREATE TABLE service_metadata (
  name VARCHAR(100) PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
`,
};

/**
 * Turns \`flyway info -outputType=json\` into the report Backstage reads.
 * Flyway's states map onto ours; anything unknown stays pending so it is
 * looked at rather than hidden.
 */
export const FLYWAY_REPORT_FILTER = `[.migrations[]
  | ((.filepath // "") | split("/") | last | sub("\\\\.sql$"; "")) as $file
  | {
      id: (if $file != "" then $file else "V\\(.version)__\\(.description | gsub(" "; "_"))" end),
      name: (.description // ""),
      status: ({
        "Success": "applied", "Baseline": "applied", "Out of Order": "applied",
        "Future": "applied", "Pending": "pending", "Above Target": "pending",
        "Failed": "failed", "Future failed": "failed", "Undone": "rolled_back"
      }[.state] // "pending")
    }
  + (if ((.installedOnUTC // "") | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}"))
     then {appliedAt: ((.installedOnUTC[0:19] | sub(" "; "T")) + "Z")} else {} end)
  + (if (.executionTime // 0) > 0 then {durationMs: .executionTime} else {} end)
]`;

const migrateScript = `#!/usr/bin/env bash
${MIGRATE_USAGE}
# Runs the Flyway migrations in sql/ from the repository root with the
# installed \`flyway\`, or with the ${FLYWAY_IMAGE} image where Docker runs.
# Flyway Community has no undo: roll back by adding a new forward migration.
set -euo pipefail

action="up"
dry_run=false
report=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    up | status | rollback) action="$1" ;;
    --dry-run) dry_run=true ;;
    --report)
      report="\${2:?--report needs a file}"
      shift
      ;;
    --report=*) report="\${1#--report=}" ;;
    *)
      echo "unknown argument $1" >&2
      exit 2
      ;;
  esac
  shift
done

if [ "$action" = "rollback" ]; then
  echo "Flyway Community cannot undo a migration; add a new V<n>__revert_<what>.sql instead" >&2
  exit 2
fi
if [ -z "\${DATABASE_URL:-}" ]; then
  echo "DATABASE_URL is not set" >&2
  exit 2
fi

# scheme://user:password@host:port/database -> JDBC URL, user and password.
url_decode() {
  local value="\${1//+/ }"
  printf '%b' "\${value//%/\\\\x}"
}
scheme="\${DATABASE_URL%%://*}"
rest="\${DATABASE_URL#*://}"
credentials=""
if [[ "$rest" == *@* ]]; then
  credentials="\${rest%@*}"
  rest="\${rest##*@}"
fi
case "$scheme" in
  postgres | postgresql) jdbc="postgresql" ;;
  mysql) jdbc="mysql" ;;
  *)
    echo "DATABASE_URL has the unsupported scheme $scheme" >&2
    exit 2
    ;;
esac
FLYWAY_URL="jdbc:$jdbc://$rest"
FLYWAY_USER="$(url_decode "\${credentials%%:*}")"
FLYWAY_PASSWORD=""
if [[ "$credentials" == *:* ]]; then
  FLYWAY_PASSWORD="$(url_decode "\${credentials#*:}")"
fi
export FLYWAY_URL FLYWAY_USER FLYWAY_PASSWORD

run_flyway() {
  if command -v flyway > /dev/null; then
    flyway -configFiles=flyway.conf "$@"
  else
    docker run --rm --network host -v "$PWD:/flyway/project" -w /flyway/project \\
      -e FLYWAY_URL -e FLYWAY_USER -e FLYWAY_PASSWORD \\
      ${FLYWAY_IMAGE} -configFiles=flyway.conf "$@"
  fi
}

write_report() {
  local info
  info="$(run_flyway -outputType=json info)"
  if [ "$action" = "status" ] || [ "$dry_run" = true ]; then
    jq -r '.migrations[] | "\\(.state)\\t\\(.version)\\t\\(.description)"' <<< "$info"
  fi
  if [ -n "$report" ]; then
    jq '${FLYWAY_REPORT_FILTER}' <<< "$info" > "$report"
  fi
}

status=0
if [ "$action" = "up" ] && [ "$dry_run" = false ]; then
  # Each migration runs in its own transaction; a failure stops the run.
  run_flyway migrate || status=$?
fi
write_report
exit "$status"
`;

/** flyway.conf, the first SQL migration and the runner for go and java services. */
export function flywayScaffold(
  database: MigrationDatabase,
): Record<string, string> {
  return {
    'flyway.conf': flywayConf,
    'sql/V1__init.sql': firstMigration[database],
    '.devops/migrate.sh': migrateScript,
  };
}
