import { readFileSync } from 'node:fs';
import { DEFAULT_LOCAL_STANDARDS, parseLocalStandards, type LocalStandards } from '@csc/timescales';

/**
 * The authority's local standards (CP visit frequency, pre-birth conference week, CIN review
 * interval, local counting convention) from the JSON file CSC_LOCAL_STANDARDS names, or the
 * documented defaults when it is not set. A bad file stops start-up with every problem listed.
 */
export function loadLocalStandards(path: string | undefined): { standards: LocalStandards; source: string } {
  if (!path) return { standards: DEFAULT_LOCAL_STANDARDS, source: 'defaults' };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`CSC_LOCAL_STANDARDS names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`CSC_LOCAL_STANDARDS: ${path} is not valid JSON (${(error as Error).message})`);
  }
  return { standards: parseLocalStandards(json), source: path };
}
