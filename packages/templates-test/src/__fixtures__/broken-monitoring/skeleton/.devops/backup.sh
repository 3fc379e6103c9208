#!/usr/bin/env bash
# Writes the backup result to a file nothing collects.
set -euo pipefail
cat > backup.prom <<METRICS
# TYPE ledger_backup_failed gauge
ledger_backup_failed $1
METRICS
