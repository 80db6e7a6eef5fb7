import { create } from 'xmlbuilder2';
import type { OmittedChild } from '../cin-census/cin-census-export-model';
import type { Ssda903Rows } from './ssda903-export-columns';

export const SSDA903_XSD_NOTE = 'CLA.xsd, "Expanded SSDA903 Return" 3.3.0 (../shared/data/csc-data-synthesizer/tests/data/CLA.xsd)';

/**
 * The 903 XML (`EXPSSDA903` of CLA.xsd): a CHILD per child, its HEADER (with missing episodes) then its EPISODEs,
 * from the same rows as the CSV tables. The schema requires what we cannot always give (a one-character SEX,
 * a child id of at most 10 characters, a CIN code on every episode, a 3-character REVIEW_CODE with every review):
 * a child lacking the first three is left out and listed; reviews are left out (we hold no participation code).
 */
export function ssda903Xml(children: readonly Ssda903Rows[]): { xml: string; omitted: OmittedChild[] } {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('EXPSSDA903');
  const omitted: OmittedChild[] = [];
  for (const child of children) {
    const header = child.Header[0];
    const problem = whyNotWritable(child);
    if (problem) {
      omitted.push({ childId: header.CHILD, reason: problem });
      continue;
    }
    const element = root.ele('CHILD');
    const head = element.ele('HEADER');
    head.ele('CHILDID').txt(header.CHILD);
    head.ele('UPN').txt(header.UPN);
    head.ele('SEX').txt(header.SEX);
    head.ele('DOB').txt(header.DOB);
    head.ele('ETHNIC').txt(header.ETHNIC);
    head.ele('UASC').txt('');
    for (const missing of child.Missing) {
      const item = head.ele('AMISSING');
      item.ele('MISSING').txt(missing.MISSING);
      item.ele('MIS_START').txt(missing.MIS_START);
      if (missing.MIS_END) item.ele('MIS_END').txt(missing.MIS_END);
    }
    for (const episode of child.Episodes) {
      const item = element.ele('EPISODE');
      item.ele('DECOM').txt(episode.DECOM);
      item.ele('RNE').txt(episode.RNE);
      item.ele('LS').txt(episode.LS);
      item.ele('CIN').txt(episode.CIN);
      item.ele('PL').txt(episode.PLACE);
      item.ele('DEC').txt(episode.DEC);
      item.ele('REC').txt(episode.REC);
      if (episode.REASON_PLACE_CHANGE) item.ele('REASON_PLACE_CHANGE').txt(episode.REASON_PLACE_CHANGE);
    }
  }
  return { xml: root.end({ prettyPrint: true }), omitted };
}

function whyNotWritable(child: Ssda903Rows): string | undefined {
  const header = child.Header[0];
  if (header.CHILD.length > 10) return 'CLA.xsd allows a CHILDID of at most 10 characters';
  if (header.SEX === '') return 'CLA.xsd needs SEX 1 or 2: the child has no recorded gender, or U';
  if (header.DOB === '' || header.ETHNIC === '') return 'CLA.xsd needs DOB and ETHNIC: no ChildDetailsRecorded with a date of birth';
  if (child.Episodes.some((episode) => episode.CIN === '')) return 'CLA.xsd needs a CIN code on every episode: no referral before the episode';
  return undefined;
}
