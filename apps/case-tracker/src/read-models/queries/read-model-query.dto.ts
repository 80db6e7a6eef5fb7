import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Min } from 'class-validator';

/** What every read-model query accepts: read-your-writes, and the rows behind the figures. */
export class ReadModelQueryDto {
  @ApiPropertyOptional({
    description: 'Wait until the read models have applied this log position (as a write answered), up to READ_MODEL_WAIT_MS; 503 if not.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minPosition must be a whole number' })
  @Min(0)
  minPosition?: number;
}

export class ExplainableQueryDto extends ReadModelQueryDto {
  @ApiPropertyOptional({ description: 'Also list the rows (children, clocks, workers) behind each figure.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'explain must be true or false' })
  explain?: boolean;
}
