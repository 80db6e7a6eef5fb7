import { isCalendarDate } from '@csc/contracts';

/** A collection year as the DfE's validators name it: `--year 2025` is 1 April 2024 to 31 March 2025. */
export interface CollectionYear {
  year: number;
  /** 1 April of the year before. */
  from: string;
  /** 31 March of the year: the census reference date. */
  to: string;
}

/** Bad parameters of a return: the CLI prints them, HTTP answers 400 with the same code, message and field. */
export class ReturnParameterError extends Error {
  constructor(
    readonly code: 'INVALID_YEAR' | 'INVALID_DATE' | 'INVALID_LA_CODE' | 'INVALID_TABLE',
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ReturnParameterError';
  }
}

// The earliest and latest years a return may be asked for: the CIN census began in its present form in 2008-09.
const FIRST_YEAR = 2009;
const LAST_YEAR = 2100;

export function collectionYear(year: unknown): CollectionYear {
  const text = String(year ?? '');
  if (!/^\d{4}$/.test(text) || Number(text) < FIRST_YEAR || Number(text) > LAST_YEAR) {
    throw new ReturnParameterError(
      'INVALID_YEAR',
      `year must be the collection year YYYY (${FIRST_YEAR}-${LAST_YEAR}), the year ending 31 March; got ${JSON.stringify(year ?? null)}`,
      'year',
    );
  }
  const value = Number(text);
  return { year: value, from: `${value - 1}-04-01`, to: `${value}-03-31` };
}

export function asAtDate(value: unknown, field = 'asAt'): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new ReturnParameterError('INVALID_DATE', `${field} must be a date YYYY-MM-DD; got ${JSON.stringify(value ?? null)}`, field);
  }
  return value;
}

/** The local authority's three-digit DfE code (the CIN census header's LEA, the 903's LA), optional. */
export function laCode(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{3}$/.test(value)) {
    throw new ReturnParameterError('INVALID_LA_CODE', `la must be the authority's three-digit DfE code, e.g. 938; got ${JSON.stringify(value)}`, 'la');
  }
  return value;
}
