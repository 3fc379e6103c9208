#!/usr/bin/env node
// Writes the package.json of a second throwaway app: the packages of
// app-dependencies.txt (what backend.js adds and the READMEs import) at the
// ranges the newest @backstage/create-app on the registry writes today, so
// the only difference from the first app is the Backstage release. The
// ranges come from the create-app package itself (`npm pack` it and extract
// it first): `^` and the version of its own version map, which fills the
// default-app template's `{{version '<name>'}}`; else the range the
// template's packages/app or packages/backend package.json.hbs writes
// literally (react, better-sqlite3); else this repository's range (what
// installing the package today gets). An adopter installs that without a
// lock file, so each range resolves to the newest version it allows.
//
// usage: write-create-app.js <create-app-package-dir> <app-dir> <tarball>...
const fs = require('node:fs');
const path = require('node:path');
const {
  listedDependencies,
  repositoryRanges,
  writeAppPackage,
} = require('./write-app');

const TEMPLATE_PACKAGES = ['app', 'backend'];

function createAppRanges(createAppDir) {
  const { packageVersions } = require(path.join(
    createAppDir,
    'dist/lib/versions.cjs.js',
  ));
  const literal = new Map();
  for (const name of TEMPLATE_PACKAGES) {
    const template = fs.readFileSync(
      path.join(
        createAppDir,
        'templates/default-app/packages',
        name,
        'package.json.hbs',
      ),
      'utf8',
    );
    for (const [, pkg, range] of template.matchAll(
      /^\s*"([^"]+)":\s*"([^"{]+)",?$/gm,
    )) {
      literal.set(pkg, range);
    }
  }
  return { release: packageVersions.root, packageVersions, literal };
}

function writeCreateApp(createAppDir, appDir, tarballs) {
  const { release, packageVersions, literal } = createAppRanges(createAppDir);
  const ranges = repositoryRanges();
  const dependencies = {};
  const fromRepository = [];
  for (const pkg of listedDependencies()) {
    if (packageVersions[pkg]) {
      dependencies[pkg] = `^${packageVersions[pkg]}`;
    } else if (literal.has(pkg)) {
      dependencies[pkg] = literal.get(pkg);
    } else {
      dependencies[pkg] = ranges.get(pkg);
      fromRepository.push(`${pkg}@${ranges.get(pkg)}`);
    }
  }
  writeAppPackage(appDir, 'devops-create-app-app', dependencies, tarballs);
  return { release, fromRepository };
}

module.exports = { createAppRanges };

if (require.main === module) {
  const [createAppDir, appDir, ...tarballs] = process.argv.slice(2);
  const { release, fromRepository } = writeCreateApp(
    path.resolve(createAppDir),
    appDir,
    tarballs,
  );
  console.log(
    `create-app's ranges for Backstage ${release}; not in create-app, at this repository's range: ${
      fromRepository.join(', ') || 'none'
    }`,
  );
}
