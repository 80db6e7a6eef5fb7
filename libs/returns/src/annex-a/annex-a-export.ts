import ExcelJS from 'exceljs';
import { childTrackersAsAt } from '@csc/projections';
import { childEventsOf, childrenActiveIn, type ReturnSource } from '../return-source';
import { ANNEX_A_COLUMNS } from './annex-a-export-spec';
import { ANNEX_A_FILLED, annexARowsOf, annexAWindow, orderedRow, type AnnexAList, type AnnexARows } from './annex-a-export-mapping';

/** Sheet names as Ofsted's template names the lists. */
export const ANNEX_A_SHEETS: Record<AnnexAList, string> = {
  list_1: 'List 1',
  list_2: 'List 2',
  list_3: 'List 3',
  list_4: 'List 4',
  list_5: 'List 5',
  list_6: 'List 6',
  list_7: 'List 7',
  list_8: 'List 8',
  list_9: 'List 9',
  list_10: 'List 10',
  list_11: 'List 11',
};

/** Why a list is empty: what it asks for is not among the events we receive. */
const NOT_HELD: Partial<Record<AnnexAList, string>> = {
  list_2: 'List 2 (early help assessments): this system holds no early help records.',
  list_9: 'List 9 (care leavers): this system holds no care leaver records (personal advisers, accommodation, activity).',
  list_10: 'List 10 (children with a plan of adoption): this system holds no adoption decisions, orders or matches.',
  list_11: 'List 11 (adopters): this system holds no records of adopters.',
};

export interface AnnexAExport {
  xlsx: Buffer;
  rows: Record<AnnexAList, number>;
}

/** The Annex A workbook as at a date: Lists 1-8 over the six months to it, Lists 2 and 9-11 with their headings and a note. */
export async function exportAnnexA(source: ReturnSource, options: { asAt: string }): Promise<AnnexAExport> {
  const { from, to } = annexAWindow(options.asAt);
  const rows = Object.fromEntries(Object.keys(ANNEX_A_COLUMNS).map((list) => [list, []])) as unknown as AnnexARows;
  // The child tracker keeps no contacts: a child with only a contact (no referral, no open case) in the window is not found.
  const childIds = await childrenActiveIn(source.readModels, from, to);
  // Every child's tracker in one set-based read, not a read per child (which took a county's export past 20 s).
  const [eventsOf, trackers] = await Promise.all([childEventsOf(source.store, childIds), childTrackersAsAt(source.readModels, childIds, options.asAt)]);
  for (const childId of childIds) {
    const child = annexARowsOf(childId, eventsOf.get(childId)!, trackers.get(childId), options.asAt);
    for (const list of ANNEX_A_FILLED) rows[list].push(...child[list]);
  }
  return {
    xlsx: await annexAWorkbook(rows, options.asAt),
    rows: Object.fromEntries(Object.entries(rows).map(([list, listed]) => [list, listed.length])) as Record<AnnexAList, number>,
  };
}

export async function annexAWorkbook(rows: AnnexARows, asAt: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'csc-case-tracker';
  for (const list of Object.keys(ANNEX_A_COLUMNS) as AnnexAList[]) {
    const sheet = workbook.addWorksheet(ANNEX_A_SHEETS[list]);
    sheet.addRow([...ANNEX_A_COLUMNS[list]]).font = { bold: true };
    const note = NOT_HELD[list];
    if (note) {
      sheet.addRow([note]);
      continue;
    }
    for (const row of rows[list]) sheet.addRow(orderedRow(list, row));
  }
  const notes = workbook.addWorksheet('Notes');
  const { from } = annexAWindow(asAt);
  notes.addRow([`Ofsted Annex A as at ${asAt}: the six months from ${from} to ${asAt}. Dates dd/mm/yyyy. A blank cell is a fact this system does not hold.`]);
  for (const note of Object.values(NOT_HELD)) notes.addRow([note]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
