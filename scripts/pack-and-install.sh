#!/usr/bin/env bash
# The adopter's path, proved: packs every published package with `npm pack`
# (so each package's prepack builds it as a release would), installs the
# tarballs into a fresh throwaway Backstage app outside the repository
# (`npm install` from the registry), checks that the app resolves one copy
# of catalog-react, scaffolder-node and frontend-plugin-api, type-checks
# every import the READMEs show, and starts the app's backend once with our
# backend plugin, demo module and scaffolder module. Then it adds
# templates-test the way an adopter adds a CLI and runs it.
#
# Set DEVOPS_PACK_KEEP=1 to keep the temporary folder for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
helpers=$root/scripts/pack-and-install

# npm sets npm_* variables for the scripts it runs (test:all is one); the
# throwaway app's npm must not inherit this repository's workspace settings.
for variable in $(compgen -e | grep '^npm_' || true); do
  case $variable in
  npm_config_cache | npm_config_nodedir | npm_config_userconfig | npm_config_registry) ;;
  *) unset "$variable" ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/devops-pack-and-install.XXXXXX")
cleanup() {
  if [ -n "${DEVOPS_PACK_KEEP:-}" ]; then
    echo "Kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

started=$SECONDS
phase_started=$SECONDS
phase() {
  printf -- '--- %s (%ss)\n' "$1" $((SECONDS - phase_started))
  phase_started=$SECONDS
}

mkdir -p "$work/tarballs" "$work/app"
# As the READMEs tell adopters to build tarballs; each package's prepack runs
# the root tsc and its build.
mapfile -t packages < <(node "$helpers/publishable.js")
echo "Packing ${packages[*]}"
npm pack --pack-destination "$work/tarballs" --loglevel=warn \
  "${packages[@]/#/--workspace=}" >/dev/null
phase "packed ${#packages[@]} packages"

node "$helpers/check-tarball.js" "$work"/tarballs/*.tgz
templates_test=$(ls "$work"/tarballs/backstage-devops-templates-test-[0-9]*.tgz)
mapfile -t app_tarballs < <(ls "$work"/tarballs/*.tgz | grep -v -- '-templates-test-')

# The app: the registry packages of app-dependencies.txt and the plugin
# tarballs. templates-test comes later: its GitLab scaffolder module is still
# on scaffolder-node 0.13, which would put a second copy in any app.
node "$helpers/write-app.js" "$work/app" "${app_tarballs[@]}"
cp "$helpers/app/backend.js" "$helpers/app/app-config.yaml" "$work/app/"
(cd "$work/app" && npm install --no-audit --no-fund --loglevel=error)
phase "installed the app"

(cd "$work/app" && npm ls @backstage/plugin-catalog-react @backstage/plugin-scaffolder-node @backstage/frontend-plugin-api) || true
node "$helpers/single-copy.js" "$work/app" \
  @backstage/plugin-catalog-react @backstage/plugin-scaffolder-node @backstage/frontend-plugin-api
phase "one copy each"

node "$helpers/run-backend.js" "$work/app"
phase "backend started and stopped"

(cd "$work/app" && npm install --save-dev --no-audit --no-fund --loglevel=error "$templates_test")
"$work/app/node_modules/.bin/devops-templates-test" --help >/dev/null
echo "  ok: the installed devops-templates-test command runs"
echo "With templates-test installed (informational):"
node "$helpers/single-copy.js" --report-only "$work/app" @backstage/plugin-scaffolder-node
phase "installed and ran templates-test"

node "$helpers/readme-imports.js" "$work/app/readme-imports" "$work/app"
"$root/node_modules/.bin/tsc" -p "$work/app/readme-imports/tsconfig.json"
echo "  ok: every README import type-checks in the app"
phase "README imports type-checked"

echo "Pack and install passed in $((SECONDS - started)) s"
