import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** The team id rule of the query parameters (PeriodRequest.teamId), for a team id in a path. */
const TEAM_ID = /^[A-Za-z0-9._:-]{1,64}$/;

@Injectable()
export class TeamIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!TEAM_ID.test(value)) {
      throw new BadRequestException({
        error: { code: 'INVALID_TEAM_ID', message: 'A team id is 1 to 64 letters, digits or . _ : - characters', field: 'teamId' },
      });
    }
    return value;
  }
}
