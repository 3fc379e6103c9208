const { join } = require('node:path');

// The folders of src/ as layers: each may import only the folders listed
// for it (and __testUtils__ in tests), so no folder imports back up. HTTP
// (service) is on top, the concepts below it, database plumbing at the
// bottom; plugin.ts wires them all and nothing imports it.
const layers = {
  database: [],
  alerts: ['database'],
  entities: ['alerts'],
  health: ['database', 'entities'],
  deployments: ['database', 'entities'],
  migrations: ['database', 'entities'],
  summary: [
    'database',
    'alerts',
    'entities',
    'health',
    'deployments',
    'migrations',
  ],
  readiness: [
    'database',
    'alerts',
    'entities',
    'health',
    'deployments',
    'migrations',
  ],
  overview: ['alerts', 'entities', 'readiness'],
  startupTasks: ['alerts', 'entities', 'health', 'deployments', 'migrations'],
  config: ['alerts', 'health', 'readiness'],
  service: [
    'alerts',
    'config',
    'deployments',
    'health',
    'migrations',
    'overview',
    'readiness',
    'summary',
  ],
};

const src = join(__dirname, 'src');
const zones = Object.entries(layers).map(([folder, allowed]) => ({
  target: join(src, folder),
  from: [
    join(src, 'plugin.ts'),
    ...Object.keys(layers)
      .filter(other => other !== folder && !allowed.includes(other))
      .map(other => join(src, other)),
  ],
  message: `src/${folder} may import only ${
    allowed.length ? allowed.join(', ') : 'no other folder'
  }: folders must not import back up (see .eslintrc.js).`,
}));

module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  settings: {
    // Let eslint-plugin-import follow the TypeScript sources; without this
    // it resolves no relative import and the rules below see nothing.
    'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
    'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
  },
  rules: {
    // Type-only imports count here, unlike for import/no-cycle below.
    'import/no-restricted-paths': ['error', { zones }],
    'import/no-cycle': ['error', { ignoreExternal: true }],
  },
});
