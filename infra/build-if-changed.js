#!/usr/bin/env node
// Builds dist/ only when a source under apps/ or libs/ is newer than the last build (or CSC_REBUILD=1),
// so `npm run csc -- --help` runs the built CLI at once instead of rebuilding the project every call.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const stamp = join(root, 'dist', '.built-at');

function newestSource(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs')), statSync(join(root, 'package.json')).mtimeMs);
if (process.env.CSC_REBUILD === '1' || changed > builtAt) {
  const startedAt = new Date();
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(stamp, `${startedAt.toISOString()}\n`);
}
