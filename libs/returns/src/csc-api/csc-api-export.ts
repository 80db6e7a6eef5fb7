import { addCalendarDays, addMonths } from '@csc/timescales';
import type { OmittedChild } from '../cin-census/cin-census-export-model';
import { childEventsOf, childrenActiveIn, type ReturnSource } from '../return-source';
import { cscApiChildOf } from './csc-api-export-mapping';

// components.schemas.CSC takes at most 100 children in one body (maxItems 100).
export const CSC_API_BATCH = 100;

export interface CscApiExport {
  children: Array<Record<string, unknown>>;
  /** Newline-delimited JSON: a line per request body of the DfE CSC API (`components.schemas.CSC`), each of at most 100 children. */
  ndjson: string;
  omitted: OmittedChild[];
}

/** The CSC API records as at a date: every child with a case open on a day of the twelve months to it. */
export async function exportCscApi(source: ReturnSource, options: { asAt: string }): Promise<CscApiExport> {
  const from = addCalendarDays(addMonths(options.asAt, -12), 1);
  const children: Array<Record<string, unknown>> = [];
  const omitted: OmittedChild[] = [];
  const childIds = await childrenActiveIn(source.readModels, from, options.asAt);
  const eventsOf = await childEventsOf(source.store, childIds);
  for (const childId of childIds) {
    const mapped = cscApiChildOf(childId, eventsOf.get(childId)!, options.asAt, from);
    if (mapped.kind === 'child') children.push(mapped.child);
    if (mapped.kind === 'omitted') omitted.push(mapped.omitted);
  }
  const lines: string[] = [];
  for (let at = 0; at < children.length; at += CSC_API_BATCH) lines.push(JSON.stringify(children.slice(at, at + CSC_API_BATCH)));
  return { children, ndjson: lines.map((line) => `${line}\n`).join(''), omitted };
}
