import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CONTINUITY_SCHEMA } from '@csc/projections';
import { READ_MODEL_DATA_SOURCE } from './read-model.tokens';
import type { Caller } from '@csc/auth';

/**
 * A practitioner sees the children of their own teams: those whose case a team in their token held
 * on the date asked about, or last held before it. Auditors and admins see every child.
 */
@Injectable()
export class TeamScope {
  constructor(@Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async assertMaySeeChild(caller: Caller, childId: string, onDate: string): Promise<void> {
    if (caller.roles.some((role) => role === 'auditor' || role === 'admin')) return;
    const [row] = (await this.dataSource.query(
      `SELECT team_id FROM ${CONTINUITY_SCHEMA}.allocation_periods WHERE child_id = $1 AND from_on <= $2::date ORDER BY from_on DESC, seq DESC LIMIT 1`,
      [childId, onDate],
    )) as Array<{ team_id: string }>;
    if (!row || !caller.teams.includes(row.team_id)) {
      throw new ForbiddenException({
        error: {
          code: 'NOT_YOUR_TEAM',
          message: `Child ${childId} is not held by any of your teams (${caller.teams.join(', ') || 'none in your token'}) on ${onDate}`,
          field: 'childId',
        },
      });
    }
  }

  /** The teams a list may cover: the one asked for (if it is the caller's), or all the caller's. Undefined means every team. */
  teamsFor(caller: Caller, teamId: string | undefined): string[] | undefined {
    if (caller.roles.some((role) => role === 'auditor' || role === 'admin')) return teamId ? [teamId] : undefined;
    if (teamId !== undefined && !caller.teams.includes(teamId)) {
      throw new ForbiddenException({
        error: {
          code: 'NOT_YOUR_TEAM',
          message: `Team ${teamId} is not one of your teams (${caller.teams.join(', ') || 'none in your token'})`,
          field: 'teamId',
        },
      });
    }
    return teamId ? [teamId] : [...caller.teams];
  }

  /** Refuses ?explain=true (which lists children) to callers who may not see children. */
  assertMayExplain(caller: Caller, explain: boolean | undefined): void {
    if (explain && !caller.roles.some((role) => role === 'auditor' || role === 'admin')) {
      throw new ForbiddenException({
        error: { code: 'CHILD_IDS_NOT_ALLOWED', message: 'explain=true lists children; it is open to auditors and admins only', field: 'explain' },
      });
    }
  }
}
