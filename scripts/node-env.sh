# Sourced by .ci/run and the test script: makes sure a Node.js 22+ is first on
# PATH. Machines that only have an older Node get one from the npm registry
# (the platform package, which carries the binary and its headers and runs
# no install script), cached under ~/.cache so later runs reuse it; native
# addons (better-sqlite3) are then compiled against that Node's headers.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  platform="$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
  node_home="${BACKSTAGE_DEVOPS_NODE_HOME:-$HOME/.cache/backstage-devops/node22-$platform}"
  package_dir="$node_home/node_modules/node-$platform"
  if [ ! -x "$package_dir/bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo none) is too old; installing Node 22 into $node_home" >&2
    # Install beside the final place and move it in, so an interrupted or
    # concurrent run never leaves a half-written Node behind.
    staging="$node_home.tmp.$$"
    rm -rf "$staging"
    mkdir -p "$staging"
    npm install --prefix "$staging" --no-save --no-package-lock --ignore-scripts "node-$platform@22" >&2
    mkdir -p "$(dirname "$node_home")"
    if [ ! -x "$package_dir/bin/node" ]; then
      rm -rf "$node_home"
      mv "$staging" "$node_home"
    else
      rm -rf "$staging"
    fi
  fi
  export PATH="$package_dir/bin:$PATH"
  export npm_config_nodedir="$package_dir"
fi
echo "Using Node $(node --version)" >&2
