import { registerDecorator, type ValidationOptions } from 'class-validator';
import { OCCURRED_ON_RANGE, isCalendarDate, isWithinDateRange } from '@csc/contracts';

/**
 * The dates a query may ask about: the dates events may carry (libs/contracts, 2005-2040), which are also the
 * years the working-day calendar can count in. A date outside them could only ever answer nothing, or fail.
 */
export const QUERY_DATE_RANGE = OCCURRED_ON_RANGE;

/** A real calendar date written YYYY-MM-DD, within QUERY_DATE_RANGE (2024-02-30 and 0000-01-01 are refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date written YYYY-MM-DD between ${QUERY_DATE_RANGE.from} and ${QUERY_DATE_RANGE.to}`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) && isWithinDateRange(value, QUERY_DATE_RANGE) },
    });
}
