/**
 * The series a migration run leaves in the Pushgateway. Migrations run in
 * CI, not in the cluster, so no exporter sees them fail; the pipeline
 * pushes each run's result instead, the Pushgateway's purpose for batch
 * jobs, and the DatabaseMigrationFailed rule reads it.
 */
export const MIGRATION_FAILED_METRIC = 'db_migration_last_run_failed';
export const MIGRATION_RUN_TIME_METRIC =
  'db_migration_last_run_timestamp_seconds';

/** The `job` of the pushed group (the Pushgateway keys groups by it). */
export const migrationPushJob = (service: string) => `${service}-migrations`;

export const RECORD_MIGRATION_RUN = '.devops/record-migration-run.sh';

/**
 * Pushes a migration run's result to the Pushgateway at `PUSHGATEWAY_URL`,
 * in the group `job=<service>-migrations, namespace=<service>-<environment>`.
 * A PUT replaces the group, so a later successful run clears the alert.
 * Like the Backstage reports it never fails the pipeline; without
 * `PUSHGATEWAY_URL` it warns that nothing watches the migrations.
 */
export function recordMigrationRunScript(service: string): string {
  return `#!/usr/bin/env bash
# Usage: record-migration-run.sh <environment> <success|failure>
# Pushes the result of a migration run to the Pushgateway at PUSHGATEWAY_URL,
# which Prometheus scrapes with honor_labels: true; the DatabaseMigrationFailed
# alert fires while the last run of an environment failed.
set -euo pipefail

environment="$1"
outcome="$2"
namespace="${service}-$environment"

case "$outcome" in
  success) failed=0 ;;
  failure) failed=1 ;;
  *)
    echo "usage: record-migration-run.sh <environment> <success|failure>" >&2
    exit 2
    ;;
esac

if [ -z "\${PUSHGATEWAY_URL:-}" ]; then
  echo "warning: PUSHGATEWAY_URL is not set, so no alert watches this migration run" >&2
  exit 0
fi

if ! curl --silent --show-error --fail --retry "\${PUSHGATEWAY_RETRIES:-3}" --retry-all-errors --max-time 10 \\
  -X PUT --data-binary @- \\
  "\${PUSHGATEWAY_URL%/}/metrics/job/${migrationPushJob(
    service,
  )}/namespace/$namespace" <<METRICS; then
# HELP ${MIGRATION_FAILED_METRIC} 1 if the last migration run failed, 0 if it succeeded.
# TYPE ${MIGRATION_FAILED_METRIC} gauge
${MIGRATION_FAILED_METRIC} $failed
# HELP ${MIGRATION_RUN_TIME_METRIC} When the last migration run ended.
# TYPE ${MIGRATION_RUN_TIME_METRIC} gauge
${MIGRATION_RUN_TIME_METRIC} $(date +%s)
METRICS
  echo "warning: could not record the migration result in the Pushgateway" >&2
fi
`;
}
