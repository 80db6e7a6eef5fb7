import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { ReadModelQueryDto } from '../../read-models/queries/read-model-query.dto';

/** The parameters of every return; each format says which it needs, and checks them itself (libs/returns). */
export class GetReturnRequest extends ReadModelQueryDto {
  @ApiPropertyOptional({ description: 'Collection year YYYY, the year ending 31 March (2025: 1 April 2024 to 31 March 2025). CIN census and SSDA903.' })
  @IsOptional()
  @IsString()
  year?: string;

  @ApiPropertyOptional({ description: 'The date the return is made as at (YYYY-MM-DD). Annex A and the CSC API.' })
  @IsOptional()
  @IsString()
  asAt?: string;

  @ApiPropertyOptional({ description: "The authority's three-digit DfE code, written in the header (e.g. 938)." })
  @IsOptional()
  @IsString()
  la?: string;

  @ApiPropertyOptional({ description: 'SSDA903: which table (Header, Episodes, Reviews, UASC, Missing, SWEpisodes).' })
  @IsOptional()
  @IsString()
  table?: string;

  @ApiPropertyOptional({ description: 'true: answer with the report (children written, children left out and why) as JSON instead of the file.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'report must be true or false' })
  report?: boolean;
}
