import { childEventsOf, childrenActiveIn, type ReturnSource } from '../return-source';
import type { CollectionYear } from '../return-period';
import type { OmittedChild } from './cin-census-export-model';
import { cinCensusChildOf } from './cin-census-export-mapping';
import { cinCensusXml } from './cin-census-export-xml';

export interface CinCensusExportOptions {
  year: CollectionYear;
  la?: string;
  /** When the return is made: the header's DateTime. */
  now: Date;
  release: string;
}

export interface CinCensusExport {
  xml: string;
  children: number;
  /** Children in scope the census cannot hold, with the reason. */
  omitted: OmittedChild[];
}

/** The CIN census XML for a collection year, from the log of every child the read models place in it. */
export async function exportCinCensus(source: ReturnSource, options: CinCensusExportOptions): Promise<CinCensusExport> {
  const children = [];
  const omitted: OmittedChild[] = [];
  const childIds = await childrenActiveIn(source.readModels, options.year.from, options.year.to);
  const eventsOf = await childEventsOf(source.store, childIds);
  for (const childId of childIds) {
    const mapped = cinCensusChildOf(childId, eventsOf.get(childId)!, options.year);
    if (mapped.kind === 'child') children.push(mapped.child);
    if (mapped.kind === 'omitted') omitted.push(mapped.omitted);
  }
  const xml = cinCensusXml(
    { year: options.year, la: options.la, madeAt: options.now.toISOString().slice(0, 19), softwareCode: 'csc-case-tracker', release: options.release },
    children,
  );
  return { xml, children: children.length, omitted };
}
