#!/usr/bin/env node
// For an app whose own packages already disagree on a package's version (as
// the app today's create-app generates does), "one copy" is not ours to
// give; what is ours is not to add one. For each named package this finds
// the version every installed package that depends on it resolves (by
// Node's lookup from its folder), and fails when one of our packages
// (@backstage-devops/*) resolves a version none of the app's other packages
// use.
//
// usage: shared-copies.js <app-dir> <name>...
const fs = require('node:fs');
const path = require('node:path');

const OURS = '@backstage-devops/';

function packageDirs(dir, found = []) {
  const nodeModules = path.join(dir, 'node_modules');
  if (!fs.existsSync(nodeModules)) return found;
  for (const entry of fs.readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@')
      ? fs.readdirSync(path.join(nodeModules, entry)).map(n => `${entry}/${n}`)
      : [entry];
    for (const name of names) {
      const packageDir = path.join(nodeModules, name);
      if (!fs.existsSync(path.join(packageDir, 'package.json'))) continue;
      found.push(packageDir);
      if (!fs.lstatSync(packageDir).isSymbolicLink()) {
        packageDirs(packageDir, found);
      }
    }
  }
  return found;
}

function resolvedVersion(fromDir, name, appDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(candidate)) {
      return JSON.parse(fs.readFileSync(candidate, 'utf8')).version;
    }
    if (dir === appDir || dir === path.dirname(dir)) return undefined;
  }
}

function sharedCopies(appDir, names) {
  const users = new Map(
    names.map(n => [n, { ours: new Map(), app: new Map() }]),
  );
  for (const dir of packageDirs(appDir)) {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
    );
    for (const name of names) {
      if (!pkg.dependencies?.[name] && !pkg.peerDependencies?.[name]) continue;
      const version = resolvedVersion(dir, name, appDir);
      if (!version) continue;
      const side = pkg.name.startsWith(OURS) ? 'ours' : 'app';
      const byVersion = users.get(name)[side];
      byVersion.set(version, [...(byVersion.get(version) ?? []), pkg.name]);
    }
  }
  return users;
}

if (require.main === module) {
  const [appDir, ...names] = process.argv.slice(2);
  let failed = false;
  for (const [name, { ours, app }] of sharedCopies(
    path.resolve(appDir),
    names,
  )) {
    const appVersions = [...app.entries()]
      .map(
        ([v, users]) =>
          `${v} (${users.length} ${
            users.length === 1 ? 'package' : 'packages'
          })`,
      )
      .join(', ');
    const added = [...ours.keys()].filter(v => !app.has(v));
    console.log(
      `${name}: the app's own packages use ${appVersions || 'none'}; ours use ${
        [...ours.keys()].join(', ') || 'none'
      }`,
    );
    if (added.length) {
      failed = true;
      console.error(
        `  our packages add ${name} ${added.join(', ')}: ${added
          .flatMap(v => ours.get(v))
          .join(', ')}`,
      );
    }
  }
  process.exit(failed ? 1 : 0);
}
