#!/usr/bin/env node
// Finds every installed copy of the named packages under <app-dir> (each
// node_modules/<name>/package.json, nested ones included) and fails when a
// package is installed more than once or not at all: a second copy of
// catalog-react or scaffolder-node splits the app's API and extension
// point registries.
//
// usage: single-copy.js [--report-only] <app-dir> <name>...
const fs = require('node:fs');
const path = require('node:path');

function findCopies(dir, names, found = new Map(names.map(n => [n, []]))) {
  const nodeModules = path.join(dir, 'node_modules');
  if (!fs.existsSync(nodeModules)) return found;
  for (const entry of fs.readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const scoped = entry.startsWith('@')
      ? fs.readdirSync(path.join(nodeModules, entry)).map(n => `${entry}/${n}`)
      : [entry];
    for (const name of scoped) {
      const packageDir = path.join(nodeModules, name);
      if (found.has(name)) {
        const { version } = JSON.parse(
          fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
        );
        found.get(name).push({ version, dir: packageDir });
      }
      if (!fs.lstatSync(packageDir).isSymbolicLink()) {
        findCopies(packageDir, names, found);
      }
    }
  }
  return found;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const reportOnly = args[0] === '--report-only';
  const [appDir, ...names] = reportOnly ? args.slice(1) : args;
  let failed = false;
  for (const [name, copies] of findCopies(path.resolve(appDir), names)) {
    const where = copies
      .map(c => `${c.version} at ${path.relative(appDir, c.dir)}`)
      .join(', ');
    console.log(
      `${name}: ${copies.length} ${copies.length === 1 ? 'copy' : 'copies'} (${
        where || 'none'
      })`,
    );
    if (copies.length !== 1) failed = true;
  }
  process.exit(failed && !reportOnly ? 1 : 0);
}
