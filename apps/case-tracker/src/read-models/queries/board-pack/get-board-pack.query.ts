import { Query } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReadModelQueryDto } from '../read-model-query.dto';

export class GetBoardPackRequest extends ReadModelQueryDto {
  @ApiPropertyOptional({ description: 'The month of the pack (YYYY-MM); default this month, to today.' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month, YYYY-MM' })
  month?: string;
}

export interface BoardMeasure {
  id: string;
  title: string;
  /** What is counted, in a sentence a board member can read. */
  definition: string;
  unit: string;
  /** Whether a higher figure is better (timeliness) or worse (caseloads, waits, changes of worker). */
  better: 'higher' | 'lower';
  /** The month's figure; null when nothing was counted. */
  value: number | null;
  /** The twelve months ending with this one, oldest first. */
  trend: Array<{ month: string; value: number | null }>;
  target: { value: number; label: string; source: string } | null;
}

export interface BoardPack {
  month: string;
  /** The last day the month's figures cover (its last day, or today for the month in progress). */
  asOf: string;
  measures: BoardMeasure[];
}

export class GetBoardPack extends Query<BoardPack> {
  constructor(readonly request: GetBoardPackRequest) {
    super();
  }
}
