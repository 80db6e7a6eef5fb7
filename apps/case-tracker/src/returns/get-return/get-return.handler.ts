import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@csc/event-store';
import {
  asAtDate,
  collectionYear,
  exportAnnexA,
  exportCinCensus,
  exportCscApi,
  exportSsda903,
  laCode,
  RETURN_RELEASE,
  ssda903FileName,
  ssda903Table,
  type ReturnSource,
} from '@csc/returns';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../infrastructure/tokens';
import { ReadModelFreshness } from '../../read-models/read-model-freshness';
import { READ_MODEL_DATA_SOURCE } from '../../read-models/read-model.tokens';
import { GetReturn, type ReturnResult } from './get-return.query';

@QueryHandler(GetReturn)
export class GetReturnHandler implements IQueryHandler<GetReturn> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ format, request }: GetReturn): Promise<ReturnResult> {
    const source: ReturnSource = { store: this.store, readModels: this.dataSource };
    switch (format) {
      case 'cin-census': {
        const year = collectionYear(request.year);
        const la = laCode(request.la);
        await this.freshness.waitFor(['child-tracker'], request.minPosition);
        const made = await exportCinCensus(source, { year, la, now: this.clock.now(), release: RETURN_RELEASE });
        return {
          format,
          mediaType: 'application/xml',
          fileName: `cin-census-${year.year}.xml`,
          body: made.xml,
          children: made.children,
          omitted: made.omitted,
        };
      }
      case 'ssda903': {
        const year = collectionYear(request.year);
        // Without a table: the 903 XML; with one, that table as CSV.
        const table = request.table === undefined ? undefined : ssda903Table(request.table);
        await this.freshness.waitFor(['child-tracker'], request.minPosition);
        const made = await exportSsda903(source, { year });
        if (table === undefined) {
          return { format, mediaType: 'application/xml', fileName: `ssda903-${year.year}.xml`, body: made.xml, children: made.children, omitted: made.omitted };
        }
        return { format, mediaType: 'text/csv', fileName: ssda903FileName(table, year), body: made.tables[table], children: made.children, omitted: [] };
      }
      case 'csc-api': {
        const asAt = asAtDate(request.asAt);
        await this.freshness.waitFor(['child-tracker'], request.minPosition);
        const made = await exportCscApi(source, { asAt });
        return {
          format,
          mediaType: 'application/x-ndjson',
          fileName: `csc-api-${asAt}.ndjson`,
          body: made.ndjson,
          children: made.children.length,
          omitted: made.omitted,
        };
      }
      case 'annex-a': {
        const asAt = asAtDate(request.asAt);
        await this.freshness.waitFor(['child-tracker', 'continuity'], request.minPosition);
        const made = await exportAnnexA(source, { asAt });
        return {
          format,
          mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          fileName: `annex-a-${asAt}.xlsx`,
          body: made.xlsx,
          children: made.rows.list_6 + made.rows.list_8,
          omitted: [],
        };
      }
    }
  }
}
