import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const SCHEMA_DIR = join(__dirname, '..', '..', 'libs', 'messaging', 'schemas');

/** The published JSON Schema of a topic's message value (libs/messaging/schemas), compiled once. */
export type MessageSchemaName = 'case-event-message.v1' | 'timescale-alert.v1';

const compiled = new Map<MessageSchemaName, (value: unknown) => string[]>();

/** Checks a message value against its published schema; answers the violations (none when it conforms). */
export function messageSchemaViolations(name: MessageSchemaName, value: unknown): string[] {
  let validate = compiled.get(name);
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    const check = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), 'utf8')));
    validate = (candidate) => (check(candidate) ? [] : (check.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`));
    compiled.set(name, validate);
  }
  return validate(value);
}
