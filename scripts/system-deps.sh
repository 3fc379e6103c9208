#!/usr/bin/env bash
# Installs and starts what the test suite needs outside npm: Chromium for the
# end-to-end tests, Prometheus Alertmanager for the alert integration tests,
# promtool (Debian's prometheus package) for generated alert rules,
# shellcheck and jq for generated pipeline scripts, yamllint for generated
# YAML (the templates test), the PostgreSQL JDBC driver and HikariCP jars for
# the java skeleton with a database, and a running PostgreSQL
# for the store tests. Only acts
# where it can (root with apt-get); elsewhere it says what is missing.
set -euo pipefail

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need_apt+=(chromium)
[ -x /usr/bin/prometheus-alertmanager ] || [ -x /usr/bin/alertmanager ] || need_apt+=(prometheus-alertmanager)
command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
command -v shellcheck >/dev/null 2>&1 || need_apt+=(shellcheck)
command -v jq >/dev/null 2>&1 || need_apt+=(jq)
command -v yamllint >/dev/null 2>&1 || need_apt+=(yamllint)
# The java skeleton with a database is compiled and run against these jars.
[ -f /usr/share/java/postgresql.jar ] || need_apt+=(libpostgresql-jdbc-java)
[ -f /usr/share/java/HikariCP.jar ] || need_apt+=(libhikaricp-java)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need_apt[*]} from Debian's packages" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "Missing: ${need_apt[*]}. Install them with your package manager." >&2
    exit 1
  fi
fi

# PostgreSQL: the store tests run on it when it answers; start the local
# cluster if one is installed but stopped.
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
fi
