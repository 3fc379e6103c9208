#!/usr/bin/env node
// Writes the throwaway app's package.json: the registry packages listed in
// app-dependencies.txt, at the ranges this repository uses, and our
// tarballs as file dependencies.
//
// usage: write-app.js <app-dir> <tarball>...
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { publishablePackageDirs } = require('./publishable');

const root = path.resolve(__dirname, '../..');

function repositoryRanges() {
  const dirs = [
    'packages/backend',
    'packages/app',
    ...publishablePackageDirs(),
    '.',
  ];
  const ranges = new Map();
  for (const dir of dirs) {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'),
    );
    for (const deps of [
      pkg.dependencies,
      pkg.devDependencies,
      pkg.peerDependencies,
    ]) {
      for (const [name, range] of Object.entries(deps ?? {})) {
        if (!ranges.has(name)) ranges.set(name, range);
      }
    }
  }
  return ranges;
}

function listedDependencies() {
  return fs
    .readFileSync(path.join(__dirname, 'app-dependencies.txt'), 'utf8')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'));
}

function tarballName(tarball) {
  return JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  ).name;
}

function writeApp(appDir, tarballs) {
  const ranges = repositoryRanges();
  const dependencies = {};
  for (const name of listedDependencies()) {
    const range = ranges.get(name);
    if (!range) {
      throw new Error(
        `${name} (app-dependencies.txt) is not a dependency of any package in this repository, so there is no range to install`,
      );
    }
    dependencies[name] = range;
  }
  writeAppPackage(
    appDir,
    'devops-pack-and-install-app',
    dependencies,
    tarballs,
  );
}

/**
 * Writes a throwaway app's package.json: the registry dependencies given,
 * plus our tarballs as file: dependencies.
 */
function writeAppPackage(appDir, name, dependencies, tarballs) {
  const all = { ...dependencies };
  for (const tarball of tarballs) {
    all[tarballName(tarball)] = `file:${path.resolve(tarball)}`;
  }
  const pkg = {
    name,
    version: '0.0.0',
    private: true,
    dependencies: Object.fromEntries(
      Object.entries(all).sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
  fs.writeFileSync(
    path.join(appDir, 'package.json'),
    `${JSON.stringify(pkg, null, 2)}\n`,
  );
}

module.exports = {
  listedDependencies,
  repositoryRanges,
  tarballName,
  writeAppPackage,
};

if (require.main === module) {
  const [appDir, ...tarballs] = process.argv.slice(2);
  writeApp(appDir, tarballs);
}
