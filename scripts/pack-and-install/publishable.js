#!/usr/bin/env node
// Prints the folder of every workspace package that is published (not
// "private"), one a line, relative to the repository root.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

function publishablePackageDirs() {
  const { workspaces } = readJson(path.join(root, 'package.json'));
  return workspaces
    .flatMap(pattern => {
      if (!pattern.endsWith('/*')) {
        throw new Error(`Unsupported workspace pattern ${pattern}`);
      }
      const parent = pattern.slice(0, -2);
      return fs
        .readdirSync(path.join(root, parent))
        .map(name => `${parent}/${name}`);
    })
    .filter(dir => fs.existsSync(path.join(root, dir, 'package.json')))
    .filter(dir => !readJson(path.join(root, dir, 'package.json')).private)
    .sort();
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

module.exports = { publishablePackageDirs };

if (require.main === module) {
  process.stdout.write(`${publishablePackageDirs().join('\n')}\n`);
}
