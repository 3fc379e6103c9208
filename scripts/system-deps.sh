#!/usr/bin/env bash
# Installs and starts what the test suite needs outside npm: Chromium for the
# end-to-end tests, Prometheus Alertmanager for the alert integration tests,
# promtool (Debian's prometheus package) for generated alert rules, jq and the
# ShellCheck tool for generated pipeline scripts, yamllint for generated YAML
# (the templates test), the PostgreSQL JDBC driver and HikariCP jars for the
# java skeleton with a database, Go 1.23 and lib/pq's source for the go
# skeleton, and a running PostgreSQL for the store tests. Only acts where it
# can (root with apt-get); elsewhere it says what is missing.
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
# The go skeleton with a database is built against lib/pq's Debian source
# (the version its go.mod pins).
[ -f /usr/share/gocode/src/github.com/lib/pq/go.mod ] || need_apt+=(golang-github-lib-pq-dev)

# The go skeleton's go.mod says go 1.23; bookworm's golang-go is 1.19, so on
# bookworm Go comes from bookworm-backports (templates-test finds it in
# /usr/lib/go-1.23/bin). Another release is not given bookworm's backports.
need_backports=()
if [ ! -x /usr/lib/go-1.23/bin/go ]; then
  # shellcheck source=/dev/null
  if [ "$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")" = bookworm ]; then
    need_backports+=(golang-1.23-go)
  else
    need_apt+=(golang-1.23-go)
  fi
fi
BACKPORTS_SOURCE=/etc/apt/sources.list.d/bookworm-backports.sources

add_backports_source() {
  if grep -rqs --include='*.list' --include='*.sources' --include=sources.list \
    'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d; then
    return
  fi
  echo "Adding bookworm-backports as $BACKPORTS_SOURCE" >&2
  cat >"$BACKPORTS_SOURCE" <<'SOURCE'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCE
}

if [ ${#need_apt[@]} -gt 0 ] || [ ${#need_backports[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    [ ${#need_backports[@]} -eq 0 ] || add_backports_source
    apt-get update -qq
    if [ ${#need_apt[@]} -gt 0 ]; then
      echo "Installing ${need_apt[*]} from Debian's packages" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    fi
    if [ ${#need_backports[@]} -gt 0 ]; then
      echo "Installing ${need_backports[*]} from bookworm-backports" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports \
        "${need_backports[@]}" >/dev/null
    fi
  else
    missing=("${need_apt[@]}")
    [ ${#need_backports[@]} -eq 0 ] || missing+=("${need_backports[@]} (from bookworm-backports)")
    echo "Missing: ${missing[*]}. Install them with your package manager." >&2
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
