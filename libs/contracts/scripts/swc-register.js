// Lets plain `node` run this library's TypeScript scripts: each required .ts file is compiled by @swc/core with
// the repository's .swcrc (decorators and path aliases included). Usage: node -r <this file> <script.ts>
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcrc, swcrc: false, filename, sourceMaps: 'inline', jsc: { ...swcrc.jsc, baseUrl: root } });
  module._compile(code, filename);
};
