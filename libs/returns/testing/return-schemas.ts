import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The national schemas and specifications the returns are checked against: copies kept in the repository (see national-schemas/README.md). */
export const NATIONAL_SCHEMAS = resolve(__dirname, 'national-schemas');
export const CIN_CENSUS_XSD = join(NATIONAL_SCHEMAS, 'CIN_schema_2026.xsd');
export const SSDA903_XSD = join(NATIONAL_SCHEMAS, 'CLA.xsd');
export const ANNEX_A_SPEC = join(NATIONAL_SCHEMAS, 'Annex_A_schema.yml');

function xmllintFound(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

/**
 * Why a schema check cannot run here, or undefined when it can. Under CI=true a missing xmllint or schema
 * is a failure (CI installs libxml2-utils and has the data), never a skip.
 */
export function schemaCheckUnavailable(...files: string[]): string | undefined {
  const missing = files.filter((file) => !existsSync(file));
  const reason = !xmllintFound()
    ? 'xmllint is not installed (Debian: apt-get install -y libxml2-utils)'
    : missing.length > 0
      ? `the schema is not there: ${missing.join(', ')}`
      : undefined;
  if (reason && process.env.CI === 'true') throw new Error(`CI must validate the returns: ${reason}`);
  return reason;
}

/** xmllint --schema: the problems it finds, empty when the document is valid. */
export function xmlSchemaProblems(xml: string, xsd: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'csc-return-'));
  const file = join(dir, 'return.xml');
  try {
    writeFileSync(file, xml);
    try {
      execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
      return [];
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? error);
      return stderr.split('\n').filter((line) => line.trim() !== '' && !line.endsWith('fails to validate'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const CSC_API_OPENAPI = join(NATIONAL_SCHEMAS, 'openapi.json');

/** The DfE CSC API's body schema (components.schemas.CSC), compiled with ajv; undefined when the file is absent. */
export function cscApiValidator(): ((body: unknown) => string[]) | undefined {
  if (!existsSync(CSC_API_OPENAPI)) {
    if (process.env.CI === 'true') throw new Error(`CI must validate the returns: ${CSC_API_OPENAPI} is not there`);
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv').default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addFormats = require('ajv-formats').default;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(CSC_API_OPENAPI, 'utf8')).components.schemas.CSC);
  return (body) =>
    validate(body) ? [] : (validate.errors as Array<{ instancePath: string; message: string }>).map((error) => `${error.instancePath} ${error.message}`);
}
