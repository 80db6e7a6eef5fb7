// Writes libs/contracts/schemas/v1/*.schema.json from the contract classes, and removes schema files of types
// that no longer exist. Run from the repository root:
//   node -r ./libs/contracts/scripts/swc-register.js libs/contracts/scripts/generate-schemas.ts
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderJsonSchemaFiles } from '../src/json-schema/event-json-schemas';

const directory = resolve(__dirname, '../schemas/v1');
mkdirSync(directory, { recursive: true });
const files = renderJsonSchemaFiles();
let written = 0;
for (const [name, text] of Object.entries(files)) {
  const target = join(directory, name);
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  writeFileSync(target, text);
  written += 1;
}
const removed = readdirSync(directory).filter((name) => name.endsWith('.schema.json') && !(name in files));
removed.forEach((name) => unlinkSync(join(directory, name)));
process.stdout.write(`${Object.keys(files).length} schemas in ${directory}: ${written} written, ${removed.length} removed\n`);
