#!/usr/bin/env node
// Checks what `npm pack` produced, as a registry would serve it: the
// package.json that prepack rewrote points at built files inside the tarball,
// carries the metadata a registry page shows, and nothing of the source tree
// or the tests ships.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const PUBLISH_CONFIG_KEYS = ['access', 'registry', 'tag'];

// The release every README must name as the one it supports, from
// backstage.json, so a `versions:bump` that forgets a README fails here.
const BACKSTAGE_RELEASE = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../backstage.json'), 'utf8'),
).version.replace(/^(\d+\.\d+)\..*$/, '$1');

function checkTarball(tarball) {
  const files = new Set(
    execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(file => file.replace(/^package\//, '')),
  );
  const pkg = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const problems = [];
  const shipped = file => files.has(file.replace(/^\.\//, ''));

  for (const field of ['main', 'types', 'module']) {
    if (pkg[field] !== undefined && !shipped(pkg[field])) {
      problems.push(`${field} ${pkg[field]} is not in the tarball`);
    }
  }
  if (!pkg.main) problems.push('no main');
  if (!pkg.types) problems.push('no types');
  for (const [mount, target] of Object.entries(pkg.exports ?? {})) {
    // Conditions other than file paths (the `backstage` feature type) are
    // metadata, not files.
    const targets =
      typeof target === 'string' ? [target] : Object.values(target);
    for (const file of targets.filter(t => t.startsWith('./'))) {
      if (!shipped(file)) {
        problems.push(`exports["${mount}"] ${file} is not in the tarball`);
      }
    }
  }
  for (const key of Object.keys(pkg.publishConfig ?? {})) {
    if (!PUBLISH_CONFIG_KEYS.includes(key)) {
      problems.push(`publishConfig.${key} is not a key npm supports`);
    }
  }
  if (pkg.publishConfig?.access !== 'public') {
    problems.push('publishConfig.access is not public');
  }
  for (const field of ['license', 'homepage', 'bugs']) {
    if (!pkg[field]) problems.push(`no ${field}`);
  }
  if (!pkg.repository?.url || !pkg.repository?.directory) {
    problems.push('repository lacks url or directory');
  }
  if (!files.has('README.md')) {
    problems.push('no README.md');
  } else {
    const readme = execFileSync(
      'tar',
      ['-xzOf', tarball, 'package/README.md'],
      {
        encoding: 'utf8',
      },
    );
    const release = BACKSTAGE_RELEASE.replace('.', '\\.');
    if (!new RegExp(`Backstage[^\\n]{0,30}\\b${release}\\b`).test(readme)) {
      problems.push(
        `README.md does not name Backstage ${BACKSTAGE_RELEASE} (backstage.json) as the supported release`,
      );
    }
  }
  for (const file of files) {
    if (/^src\/.*\.(ts|tsx|js|jsx)$/.test(file)) {
      problems.push(`ships source file ${file}`);
    }
    if (/\.test\.|__fixtures__|__testUtils__/.test(file)) {
      problems.push(`ships test file ${file}`);
    }
  }
  for (const [name, range] of Object.entries({
    ...pkg.dependencies,
    ...pkg.peerDependencies,
  })) {
    if (/^(workspace|file|link):/.test(range)) {
      problems.push(
        `dependency ${name}@${range} cannot be installed from a registry`,
      );
    }
  }
  return { name: pkg.name, version: pkg.version, files: files.size, problems };
}

module.exports = { checkTarball };

if (require.main === module) {
  let failed = false;
  for (const tarball of process.argv.slice(2)) {
    const { name, version, files, problems } = checkTarball(tarball);
    if (problems.length) {
      failed = true;
      console.error(`${name}@${version}:\n  ${problems.join('\n  ')}`);
    } else {
      console.log(
        `${name}@${version}: ${files} files, package.json points at built files`,
      );
    }
  }
  process.exit(failed ? 1 : 0);
}
