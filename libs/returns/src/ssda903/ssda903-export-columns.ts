import { ReturnParameterError } from '../return-period';
// The SSDA903 tables we write and their columns, exactly as the DfE's 903 validator names them
// (../shared/data/csc-validator-be-903/config_column_names.json, "column_names").
export const SSDA903_COLUMNS = {
  Header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  Episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
  Reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  UASC: ['CHILD', 'SEX', 'DOB', 'DUC'],
  Missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  SWEpisodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
} as const;

export type Ssda903Table = keyof typeof SSDA903_COLUMNS;
export const SSDA903_TABLES = Object.keys(SSDA903_COLUMNS) as Ssda903Table[];
export type Ssda903Row<T extends Ssda903Table> = Record<(typeof SSDA903_COLUMNS)[T][number], string>;
export type Ssda903Rows = { [T in Ssda903Table]: Array<Ssda903Row<T>> };

/** A table named as the DfE's validator names it (case as written there). */
export function ssda903Table(value: unknown): Ssda903Table {
  if (typeof value === 'string' && (SSDA903_TABLES as string[]).includes(value)) return value as Ssda903Table;
  throw new ReturnParameterError('INVALID_TABLE', `table must be one of ${SSDA903_TABLES.join(', ')}; got ${JSON.stringify(value ?? null)}`, 'table');
}
