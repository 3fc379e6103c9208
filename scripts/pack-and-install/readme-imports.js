#!/usr/bin/env node
// Collects every import the READMEs show an adopter — `import ... from`
// lines and `import('...')` calls in their TypeScript and JavaScript code
// blocks, and inline `import ... from '...'` spans in the text — and writes
// them, one file per code block so equal names do not clash, with a
// tsconfig, into <out-dir>. Type-checking that folder inside the throwaway
// app proves each import resolves and each imported name is exported.
//
// usage: readme-imports.js <out-dir> <app-dir>
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { publishablePackageDirs } = require('./publishable');

const root = path.resolve(__dirname, '../..');
const CODE_BLOCK =
  /^```(ts|tsx|typescript|js|jsx|javascript)\s*\n([\s\S]*?)^```/gm;
const INLINE_IMPORT = /`(import\s[^`]*?\sfrom\s+'[^'`]+';?)`/g;

function readmes() {
  return ['.', ...publishablePackageDirs()]
    .map(dir => path.join(dir, 'README.md'))
    .filter(file => fs.existsSync(path.join(root, file)));
}

function importsOf(code) {
  const source = ts.createSourceFile(
    'block.tsx',
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const statements = [];
  const dynamicSpecifiers = [];
  const visit = node => {
    if (ts.isImportDeclaration(node)) {
      statements.push(node.getText(source));
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      dynamicSpecifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { statements, dynamicSpecifiers };
}

function specifierOf(statement) {
  return statement.match(/from\s+'([^']+)'/)?.[1];
}

function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function collectBlocks() {
  const blocks = [];
  for (const readme of readmes()) {
    const text = fs.readFileSync(path.join(root, readme), 'utf8');
    for (const [, , code] of text.matchAll(CODE_BLOCK)) {
      const found = importsOf(code);
      if (found.statements.length || found.dynamicSpecifiers.length) {
        blocks.push({ readme, ...found });
      }
    }
    const inline = [...text.matchAll(INLINE_IMPORT)].map(([, s]) => s);
    if (inline.length) {
      blocks.push({ readme, statements: inline, dynamicSpecifiers: [] });
    }
  }
  return blocks;
}

function writeImportFiles(outDir, appDir) {
  const blocks = collectBlocks();
  fs.mkdirSync(outDir, { recursive: true });
  const missing = new Set();
  const specifiers = new Set();
  blocks.forEach((block, index) => {
    for (const specifier of [
      ...block.statements.map(specifierOf),
      ...block.dynamicSpecifiers,
    ]) {
      if (!specifier || specifier.startsWith('.')) continue;
      specifiers.add(specifier);
      const pkg = packageOf(specifier);
      if (!fs.existsSync(path.join(appDir, 'node_modules', pkg))) {
        missing.add(`${pkg} (${block.readme})`);
      }
    }
    const name = block.readme.replace(/\/?README\.md$/, '') || 'root';
    const lines = [
      `// From ${block.readme}`,
      ...block.statements.filter(s => !specifierOf(s)?.startsWith('.')),
      ...block.dynamicSpecifiers.map(
        (s, i) => `export const dynamicImport${i} = import('${s}');`,
      ),
      'export {};',
    ];
    fs.writeFileSync(
      path.join(outDir, `${name.replace(/\//g, '-')}-${index}.tsx`),
      `${lines.join('\n')}\n`,
    );
  });
  fs.writeFileSync(
    path.join(outDir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          // As an app created by @backstage/create-app checks its code.
          module: 'ES2020',
          moduleResolution: 'bundler',
          target: 'ES2022',
          jsx: 'react-jsx',
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          noEmit: true,
          types: [],
          lib: ['DOM', 'ES2022'],
        },
        include: ['*.tsx'],
      },
      null,
      2,
    )}\n`,
  );
  return { blocks: blocks.length, specifiers: [...specifiers].sort(), missing };
}

if (require.main === module) {
  const [outDir, appDir] = process.argv.slice(2);
  const { blocks, specifiers, missing } = writeImportFiles(outDir, appDir);
  if (missing.size) {
    console.error(
      `The READMEs import packages the throwaway app does not install; add them to scripts/pack-and-install/app-dependencies.txt:\n  ${[
        ...missing,
      ].join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(
    `${blocks} README code blocks import from ${
      specifiers.length
    } modules:\n  ${specifiers.join('\n  ')}`,
  );
}
