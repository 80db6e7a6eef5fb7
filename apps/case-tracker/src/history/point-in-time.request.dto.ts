import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, registerDecorator, type ValidationOptions } from 'class-validator';
import { isOccurredAt, isOccurredAtInRange } from '@csc/contracts';
import { IsCalendarDate, QUERY_DATE_RANGE } from '../http/calendar-date.validator';

/** A date YYYY-MM-DD or an RFC 3339 timestamp with Z or an offset, on a London date within QUERY_DATE_RANGE. */
export function IsDateOrTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateOrTimestamp',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be a date YYYY-MM-DD or a timestamp such as 2024-03-04T10:15:00Z, between ${QUERY_DATE_RANGE.from} and ${QUERY_DATE_RANGE.to}`,
        ...options,
      },
      validator: { validate: (value: unknown) => isOccurredAt(value) && isOccurredAtInRange(value, QUERY_DATE_RANGE) },
    });
}

/** Where an auditor stands: what had been recorded by a moment, what had happened by a date, or both. */
export class PointInTimeRequest {
  @ApiPropertyOptional({
    description: 'Only what had been recorded by then: a timestamp, or a date meaning the end of that day (Europe/London).',
    example: '2024-06-30',
  })
  @IsOptional()
  @IsDateOrTimestamp()
  asKnownAt?: string;

  @ApiPropertyOptional({
    description: 'Only what had happened by the end of this date (YYYY-MM-DD), including what was recorded later.',
    example: '2024-06-30',
  })
  @IsOptional()
  @IsCalendarDate()
  occurredBy?: string;
}
