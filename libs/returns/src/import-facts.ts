// The shape every format's mapping produces: one child at a time, each source row with the facts it proves.
import { v5 as uuidv5 } from 'uuid';
import type { ChildEvent } from '@csc/contracts';
import type { CaseFacts } from '@csc/domain';
import type { ImportProblem, RowLocation } from './import-report';

/** A child event as a mapping builds it: everything but the id, which the import derives from the fact's key. */
export type MappedEnvelope = Omit<ChildEvent, 'eventId'>;

/** One fact a row proves: the event, and the natural key that names the fact in every return that repeats it. */
export interface ImportedFact {
  /** e.g. `cin-census|201|DfEX0000001|referral|2022-10-06`: format, authority, child, kind, the fact's own key. */
  readonly key: string;
  readonly envelope: MappedEnvelope;
  /**
   * When the source gives no date of its own for the fact (a child's details), the first return that stated it
   * dates it; a later return that repeats the fact with another date is the same fact, not a correction.
   */
  readonly dateFromSource?: false;
}

/** One row of a source table (an XML element, a CSV line) and the facts it proves; or why it cannot be read. */
export interface ImportedRow extends RowLocation {
  readonly table: string;
  /** How a person finds the row in their own system, e.g. `DfEX0000001 referral 2022-10-06`. */
  readonly naturalKey: string;
  readonly facts: readonly ImportedFact[];
  readonly problem?: ImportProblem;
  /** The row withdraws what it names (a CSC API purge flag): its facts are retractions, and the report lists it under purges. */
  readonly purge?: boolean;
}

/** Everything a file says about one child: recorded whole or not at all. */
export interface ImportedChild {
  readonly childId: string;
  readonly rows: readonly ImportedRow[];
  /**
   * For a format whose facts depend on what came before (an SSDA903 episode continues the period of care an earlier
   * return started): the rows as mapped knowing the facts the store already holds of the child. Used instead of rows.
   */
  readonly withHistory?: (held: CaseFacts) => readonly ImportedRow[];
}

/** Namespace of every import's event ids (a fixed random UUID: ids are UUID v5 of the fact's key within it). */
const IMPORT_NAMESPACE = '5b0d3c7e-2f64-4c8e-9a57-0f6f1f1c9d21';

/** The fact's first event id; a correction's `version` counts from 1. */
export function importEventId(key: string, version = 0): string {
  return uuidv5(version === 0 ? key : `${key}#${version}`, IMPORT_NAMESPACE);
}

/** The id of the retraction that withdraws version `version` of the fact. */
export function importRetractionId(key: string, version: number): string {
  return uuidv5(`${key}#retracted#${version}`, IMPORT_NAMESPACE);
}

/** A fact's key: the parts joined, so one child's facts of two returns or two formats never share one. */
export function importFactKey(format: string, authority: string, childId: string, kind: string, ...parts: string[]): string {
  return [format, authority, childId, kind, ...parts].join('|');
}
