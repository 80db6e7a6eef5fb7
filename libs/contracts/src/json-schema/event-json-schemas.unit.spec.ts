import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EVENT_TYPES } from '../event-catalogue';
import { EVENT_EXAMPLES } from '../examples';
import { envelopeJsonSchema, eventJsonSchema, renderJsonSchemaFiles } from './event-json-schemas';

const SCHEMA_DIRECTORY = resolve(__dirname, '../../schemas/v1');
const REGENERATE = 'node -r ./libs/contracts/scripts/swc-register.js libs/contracts/scripts/generate-schemas.ts';

describe('checked-in JSON Schema files', () => {
  const expected = renderJsonSchemaFiles();

  it('are exactly what the contract classes generate today', () => {
    const stale = Object.entries(expected)
      .filter(([name, text]) => {
        try {
          return readFileSync(join(SCHEMA_DIRECTORY, name), 'utf8') !== text;
        } catch {
          return true;
        }
      })
      .map(([name]) => name);
    const extra = readdirSync(SCHEMA_DIRECTORY).filter((name) => !(name in expected));
    if (stale.length + extra.length > 0) {
      throw new Error(
        `libs/contracts/schemas/v1 is out of date (stale or missing: ${stale.join(', ') || 'none'}; not generated: ${extra.join(', ') || 'none'}). Run from the repository root: ${REGENERATE}`,
      );
    }
  });

  it('has one file per event type plus the envelope', () => {
    expect(Object.keys(expected).sort()).toEqual([...EVENT_TYPES.map((type) => `${type}.schema.json`), 'envelope.schema.json'].sort());
  });
});

describe('generated JSON Schemas', () => {
  it('compile under Ajv strict mode (strictRequired included) without warnings', () => {
    const warnings: unknown[] = [];
    const ajv = new Ajv2020({
      strict: true,
      allErrors: true,
      logger: { log: () => undefined, warn: (...m: unknown[]) => warnings.push(m), error: (...m: unknown[]) => warnings.push(m) },
    });
    addFormats(ajv);
    for (const type of EVENT_TYPES) ajv.compile(eventJsonSchema(type));
    ajv.compile(envelopeJsonSchema());
    expect(warnings).toEqual([]);
  });

  it.each(EVENT_TYPES)('%s carries its example, which its schema accepts', (type) => {
    const schema = eventJsonSchema(type);
    expect(schema.examples).toEqual([EVENT_EXAMPLES[type]]);
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(EVENT_EXAMPLES[type]) ? [] : validate.errors).toEqual([]);
  });

  it('are self-contained: every $ref points inside the same document', () => {
    const refs = (value: unknown): string[] =>
      typeof value !== 'object' || value === null ? [] : Object.entries(value).flatMap(([key, inner]) => (key === '$ref' ? [String(inner)] : refs(inner)));
    for (const schema of [...EVENT_TYPES.map((type) => eventJsonSchema(type)), envelopeJsonSchema()]) {
      const defs = Object.keys(schema.$defs as object);
      for (const ref of refs(schema)) expect(defs).toContain(ref.replace('#/$defs/', ''));
    }
  });
});
