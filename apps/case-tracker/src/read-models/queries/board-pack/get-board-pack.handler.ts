import { Inject } from '@nestjs/common';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { RuleTimeliness } from '@csc/projections';
import { CONFIGURATION, type Clock, type Configuration } from '@csc/runtime';
import { addCalendarDays, addMonths } from '@csc/timescales';
import { CLOCK } from '../../../infrastructure/tokens';
import { GetCaseloadTrend } from '../caseloads/get-caseloads.query';
import { GetContinuityTrend } from '../continuity/get-continuity.query';
import { londonToday } from '../dates';
import { GetTimeliness } from '../timeliness/get-timeliness.query';
import { GetWaitingStagesTrend } from '../waiting-times/get-waiting-times.query';
import { GetBoardPack, type BoardMeasure, type BoardPack } from './get-board-pack.query';

const MONTHS = 12;
/** The England comparators: DfE, Children in need (reporting year 2025) and Children looked after in England (2025). */
const CIN_2025 = 'DfE, Children in need, England, year to 31 March 2025';

/**
 * The improvement board's monthly pack: each measure's month, its twelve-month trend and its target,
 * asked of the same queries as the metrics endpoints (so the pack can never disagree with them): each trend in one
 * set-based read of its twelve months, which a county test holds to the one-month queries' answers.
 */
@QueryHandler(GetBoardPack)
export class GetBoardPackHandler implements IQueryHandler<GetBoardPack> {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIGURATION) private readonly config: Configuration,
  ) {}

  async execute({ request }: GetBoardPack): Promise<BoardPack> {
    const today = londonToday(this.clock);
    const month = request.month ?? today.slice(0, 7);
    const months = Array.from({ length: MONTHS }, (_, index) => addMonths(`${month}-01`, index - MONTHS + 1).slice(0, 7));
    const ends = months.map((each) => minDate(addCalendarDays(addMonths(`${each}-01`, 1), -1), today));
    const asOf = ends[ends.length - 1];
    const from = `${months[0]}-01`;
    const { minPosition } = request;
    const [timeliness, continuity, waiting, caseloads] = await Promise.all([
      this.queryBus.execute(new GetTimeliness({ from, to: asOf, minPosition })),
      this.queryBus.execute(new GetContinuityTrend({ asOfs: ends, months: 12, cohort: 'cla', minPosition })),
      this.queryBus.execute(new GetWaitingStagesTrend({ periods: months.map((each, index) => ({ from: `${each}-01`, to: ends[index] })), minPosition })),
      this.queryBus.execute(new GetCaseloadTrend({ asOfs: ends, minPosition })),
    ]);
    const series = (values: Array<number | null>) => months.map((each, index) => ({ month: each, value: values[index] ?? null }));
    const percentMet = (rule: string, anchor: string | null) => {
      const line = timeliness.rules.find((candidate: RuleTimeliness) => candidate.rule === rule && candidate.anchor === anchor);
      const byMonth = new Map((line?.monthly ?? []).map((entry) => [entry.month, entry.percentMet]));
      return series(months.map((each) => byMonth.get(each) ?? null));
    };
    const measures: BoardMeasure[] = [
      timelinessMeasure('T1', 'Referral decisions within one working day', 'referral', percentMet('T1', null), null),
      timelinessMeasure('T2', 'Assessments within 45 working days of referral', 'referral', percentMet('T2', 'referral'), {
        value: 86,
        label: 'England',
        source: `${CIN_2025}: about 86% of assessments completed within 45 working days`,
      }),
      timelinessMeasure('T3', 'Initial child protection conferences within 15 working days', 'strategy discussion', percentMet('T3', 'strategy-discussion'), {
        value: 81,
        label: 'England',
        source: `${CIN_2025}: about 81% of initial child protection conferences within 15 working days`,
      }),
      {
        id: 'continuity',
        title: 'Looked-after children with three or more social workers in 12 months',
        definition: 'Of the children looked after at the month end, the share who had three or more different social workers in the 12 months to then.',
        unit: '%',
        better: 'lower',
        ...withLatest(series(continuity.map((figures) => figures.percentThreeOrMore))),
        target: {
          value: 24,
          label: 'England',
          source: 'DfE, Children looked after in England, 2025 (social worker changes): 24% of children looked after on 31 March had 3 or more',
        },
      },
      {
        id: 'waiting',
        title: 'Median wait from referral to allocation',
        definition: 'Calendar days from referral to the allocation of a social worker, for allocations made in the month (median).',
        unit: 'days',
        better: 'lower',
        ...withLatest(series(waiting.map((stages) => stages.find((stage) => stage.stage === 'referral-to-allocation')?.medianDays ?? null))),
        target: null,
      },
      {
        id: 'caseloads',
        title: 'Cases per case-holding social worker (FTE)',
        definition: 'Cases held at the month end divided by the FTE of the workers holding at least one case (the DfE caseload).',
        unit: 'cases per FTE',
        better: 'lower',
        ...withLatest(series(caseloads.map((figures) => figures.overall.caseloadPerFte))),
        target: targetFromSettings(this.config.readModels.caseloadTargets['social-worker']),
      },
    ];
    return { month, asOf, measures };
  }
}

function timelinessMeasure(rule: string, title: string, from: string, trend: BoardMeasure['trend'], target: BoardMeasure['target']): BoardMeasure {
  return {
    id: rule,
    title,
    definition: `Of the ${rule} clocks (measured from the ${from}) that fell due in the month, the share met on time: met ÷ (met + late + overdue + lapsed).`,
    unit: '%',
    better: 'higher',
    ...withLatest(trend),
    target,
  };
}

function withLatest(trend: BoardMeasure['trend']): Pick<BoardMeasure, 'value' | 'trend'> {
  return { value: trend[trend.length - 1]?.value ?? null, trend };
}

function targetFromSettings(value: number | undefined): BoardMeasure['target'] {
  return value === undefined ? null : { value, label: 'Target', source: 'CASELOAD_TARGETS (social-worker)' };
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
