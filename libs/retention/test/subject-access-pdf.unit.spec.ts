import { renderSubjectAccessPdf } from '../src/subject-access/subject-access-pdf';
import type { SubjectAccessRecord } from '../src/subject-access/subject-access-record';

/** The text lines an uncompressed PDF shows: each TJ operator's hex strings decoded and joined. */
function shownText(pdf: Buffer): string[] {
  return pdf
    .toString('latin1')
    .split('\n')
    .filter((line) => line.endsWith('TJ'))
    .map((line) => [...line.matchAll(/<([0-9a-f]*)>/g)].map((match) => Buffer.from(match[1], 'hex').toString('latin1')).join(''));
}

const RECORD: SubjectAccessRecord = {
  childId: 'C-SAR-1',
  generatedAt: '2026-12-02T10:00:00.000Z',
  retention: { destroyed: false, events: [{ type: 'LegalHoldPlaced', at: '2026-11-01T09:00:00.000Z', by: 'dpo-alex', data: { reason: 'Inquiry' } }] },
  events: [
    {
      revision: 0,
      eventId: 'e1',
      type: 'ChildDetailsRecorded',
      occurredAt: '2025-01-06',
      recordedAt: '2025-01-06T10:00:00.000Z',
      summary: 'details: born 2016-09-14, gender F, ethnicity MWBC, disabilities NONE',
      data: { dateOfBirth: '2016-09-14' },
      source: { system: 'lcs' },
    },
  ],
  readModels: { 'rm_child_tracker.children': [{ child_id: 'C-SAR-1', date_of_birth: '2016-09-14', gender: null }] },
  reads: [{ childId: 'C-SAR-1', subject: 'aud-jane', roles: ['auditor'], what: 'history', parameters: {}, at: '2026-11-02T09:00:00.000Z', via: 'http' }],
};

describe('the subject access PDF', () => {
  it('shows, in words a person can read, the retention, every event, every read-model row and every read', async () => {
    const pdf = await renderSubjectAccessPdf(RECORD, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = shownText(pdf).join('\n');
    expect(text).toContain('Everything held about child C-SAR-1');
    expect(text).toContain('LegalHoldPlaced by dpo-alex');
    expect(text).toContain('0. 2025-01-06 (recorded 2025-01-06T10:00:00.000Z) ChildDetailsRecorded: details: born 2016-09-14, gender F');
    expect(text).toContain('rm_child_tracker.children (1)');
    expect(text).toContain('child_id: C-SAR-1; date_of_birth: 2016-09-14; gender: -');
    expect(text).toContain('2026-11-02T09:00:00.000Z  aud-jane (auditor) via http: history {}');
  });

  it('says plainly when the personal details were destroyed and no read model holds the child', async () => {
    const text = shownText(await renderSubjectAccessPdf({ ...RECORD, retention: { destroyed: true, events: [] }, readModels: {} }, { compress: false })).join(
      '\n',
    );
    expect(text).toContain('The personal details of this record have been destroyed');
    expect(text).toContain('No read model holds a row of this child.');
  });
});
