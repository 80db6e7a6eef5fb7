import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date.validator';

export class RetentionDueRequest {
  @ApiProperty({ description: 'The day to judge retention on (YYYY-MM-DD).' })
  @IsCalendarDate()
  asOf!: string;
}

export class DestroyRecordsRequest {
  @ApiProperty({ description: 'The day to judge retention on (YYYY-MM-DD): every record past retention then, and not held, is destroyed.' })
  @IsCalendarDate()
  asOf!: string;

  @ApiProperty({ description: 'Must be true: destruction cannot be undone.' })
  @Equals(true, { message: 'confirm must be true: destroying records cannot be undone' })
  confirm!: boolean;
}

export class LegalHoldRequest {
  @ApiProperty({ description: "Why, in words (an inquiry's name, a court order's reference); no personal data. 1-500 characters." })
  @IsString({ message: 'reason must be text' })
  @Length(1, 500, { message: 'reason must be 1 to 500 characters' })
  reason!: string;
}
