#!/usr/bin/env bash
# Pushes the migration result to the Pushgateway.
set -euo pipefail
curl --silent --fail -X PUT --data-binary @- "$PUSHGATEWAY_URL/metrics/job/ledger-migrations" <<METRICS
# TYPE ledger_migration_failed gauge
ledger_migration_failed $1
METRICS
