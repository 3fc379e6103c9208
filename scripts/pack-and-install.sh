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
# The app is on the release of backstage.json, as `backstage-cli
# versions:bump` leaves an adopter's app (the documented path). A second app
# is what the newest @backstage/create-app writes today (CREATE_APP below;
# write-create-app.js): its own packages already resolve two versions of
# catalog-react and frontend-plugin-api, so there the test checks that ours
# add no version, then starts its backend and type-checks the README imports
# in it too.
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

# The newest create-app on the registry; move it on when a newer one appears.
CREATE_APP=@backstage/create-app@0.9.2
# The packages an app must hold once: a second copy splits the app's API and
# extension point registries.
SINGLE_COPY=(@backstage/plugin-catalog-react @backstage/plugin-scaffolder-node
  @backstage/frontend-plugin-api @backstage/plugin-catalog-node
  @backstage/core-compat-api @backstage/core-plugin-api)

started=$SECONDS
phase_started=$SECONDS
phase() {
  printf -- '--- %s (%ss)\n' "$1" $((SECONDS - phase_started))
  phase_started=$SECONDS
}

mkdir -p "$work/tarballs" "$work/app" "$work/create-app" "$work/create-app-app"
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

# The create-app app installs alongside the first one (the same tarballs).
(cd "$work/create-app" && npm pack --loglevel=warn "$CREATE_APP" >/dev/null &&
  tar -xzf ./*.tgz)
node "$helpers/write-create-app.js" "$work/create-app/package" \
  "$work/create-app-app" "${app_tarballs[@]}"
cp "$helpers/app/backend.js" "$helpers/app/app-config.yaml" "$work/create-app-app/"
(cd "$work/create-app-app" &&
  npm install --no-audit --no-fund --loglevel=error >install.log 2>&1) &
create_app_install=$!

(cd "$work/app" && npm install --no-audit --no-fund --loglevel=error)
phase "installed the app"

(cd "$work/app" && npm ls "${SINGLE_COPY[@]}") || true
node "$helpers/single-copy.js" "$work/app" "${SINGLE_COPY[@]}"
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
cp "$helpers/app/wiring.tsx" "$work/app/readme-imports/"
"$root/node_modules/.bin/tsc" -p "$work/app/readme-imports/tsconfig.json"
echo "  ok: every README import and the READMEs' wiring type-check in the app"
phase "README imports type-checked"

echo "The app $CREATE_APP writes (create-app-app/package.json):"
if ! wait "$create_app_install"; then
  cat "$work/create-app-app/install.log"
  exit 1
fi
phase "installed the create-app app"
echo "Copies in it (informational: its own packages disagree):"
node "$helpers/single-copy.js" --report-only "$work/create-app-app" "${SINGLE_COPY[@]}"
node "$helpers/shared-copies.js" "$work/create-app-app" "${SINGLE_COPY[@]}"
echo "  ok: our packages add no version of any of them"
node "$helpers/run-backend.js" "$work/create-app-app"
(cd "$work/create-app-app" && npm install --save-dev --no-audit --no-fund --loglevel=error "$templates_test")
node "$helpers/readme-imports.js" "$work/create-app-app/readme-imports" "$work/create-app-app" >/dev/null
cp "$helpers/app/wiring.tsx" "$work/create-app-app/readme-imports/"
"$root/node_modules/.bin/tsc" -p "$work/create-app-app/readme-imports/tsconfig.json"
echo "  ok: every README import and the READMEs' wiring type-check in the create-app app"
phase "create-app app checked"

echo "Pack and install passed in $((SECONDS - started)) s"
