import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The national schemas and specifications the returns are checked against, beside the repository. */
export const SHARED_DATA = resolve(__dirname, '../../../../shared/data');
export const CIN_CENSUS_XSD = join(SHARED_DATA, 'liia-tools-pipeline/liiatools/cin_census_pipeline/spec/CIN_schema_2026.xsd');
export const SSDA903_XSD = join(SHARED_DATA, 'csc-data-synthesizer/tests/data/CLA.xsd');

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
