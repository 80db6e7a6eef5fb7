import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { childStreamId, fromStoredEvent, type ChildEvent } from '@csc/contracts';
import { caseFactsOf, evolveChildCase, initialChildCaseState } from '@csc/domain';
import { type EventStore } from '@csc/event-store';
import { describeForEachDatabase, openEventStoreForSuite } from '@csc/test-support';
import { ImportInputError, runImport, type ImportReport } from '../imports';
import { ssdFixtureFiles, ssdFixtureTexts, ssdFixtureZip } from '../../testing/ssd-fixture';
import { SSD_IMPORTED_TABLES } from './ssd-import-tables';

const TODAY = '2025-06-01';
const importTexts = (store: EventStore, texts: ReadonlyMap<string, string>): Promise<ImportReport> =>
  runImport('ssd', ssdFixtureFiles(texts), { store, today: TODAY, authority: '201' });

/** What the fixture's files say of each child, worked out by hand from its rows (see testing/ssd-fixture/README.md). */
const HISTORIES: Record<string, string[]> = {
  CH0001: [
    '2024-01-08 ContactReceived',
    '2024-01-10 ReferralReceived',
    '2024-01-10 ReferralDecisionMade assessment',
    '2024-01-11 AssessmentStarted',
    '2024-01-11 CaseAllocated W01 T20',
    '2024-02-05 AssessmentAuthorised child-in-need',
    '2024-02-12 PlanStarted CIN',
    '2024-02-26 StatutoryVisitMade',
    '2024-03-25 StatutoryVisitMade',
    '2024-04-22 StatutoryVisitMade',
  ],
  CH0002: ['2024-01-15 ContactReceived', '2024-01-16 ReferralReceived', '2024-01-16 ReferralDecisionMade no-further-action', '2024-01-16 CaseClosed RC7'],
  CH0003: [
    '2024-01-31 ContactReceived',
    '2024-02-01 ReferralReceived',
    '2024-02-01 ReferralDecisionMade strategy-discussion',
    '2024-02-02 StrategyDiscussionHeld',
    '2024-02-02 CaseAllocated W02 T30',
    '2024-02-14 Section47EnquiryCompleted',
    '2024-02-27 InitialChildProtectionConferenceHeld NEG',
    '2024-02-27 PlanStarted CP NEG',
    '2024-03-05 StatutoryVisitMade',
    '2024-03-14 StatutoryVisitMade',
    '2024-03-26 StatutoryVisitMade',
    '2024-04-04 StatutoryVisitMade',
    '2024-04-15 StatutoryVisitMade',
    '2024-05-21 PlanReviewed',
    '2024-07-01 SocialWorkerChanged W03 T30',
    '2024-11-14 PlanReviewed',
  ],
  CH0004: [
    '2024-03-04 ReferralReceived',
    '2024-03-04 ReferralDecisionMade strategy-discussion',
    '2024-03-05 StrategyDiscussionHeld',
    '2024-03-05 AssessmentStarted',
    '2024-03-05 CaseAllocated W02 T30',
    '2024-03-18 Section47EnquiryCompleted',
    '2024-03-28 InitialChildProtectionConferenceHeld',
    '2024-04-19 AssessmentAuthorised not-in-need',
    '2024-04-30 CaseClosed RC8',
  ],
  CH0005: [
    '2023-09-01 ReferralReceived',
    '2023-09-01 ReferralDecisionMade assessment',
    '2023-09-04 AssessmentStarted',
    '2023-09-04 CaseAllocated W04 T40',
    '2023-09-29 AssessmentAuthorised child-in-need',
    '2023-10-02 BecameLookedAfter C1 U6',
    '2023-10-06 StatutoryVisitMade',
    '2023-11-30 StatutoryVisitMade',
    '2024-03-11 PlacementChanged U4',
    '2024-03-15 StatutoryVisitMade',
    '2024-05-10 StatutoryVisitMade',
    '2024-06-20 LegalStatusChanged C2',
    '2024-08-30 StatutoryVisitMade',
  ],
  CH0006: [
    '2023-05-01 ReferralReceived',
    '2023-05-01 ReferralDecisionMade assessment',
    '2023-05-02 AssessmentStarted',
    '2023-05-02 CaseAllocated W04 T40',
    '2023-05-10 BecameLookedAfter V2 K2',
    '2023-05-15 StatutoryVisitMade',
    '2023-05-30 AssessmentAuthorised child-in-need',
    '2023-06-20 StatutoryVisitMade',
    '2023-09-14 StatutoryVisitMade',
    '2023-12-07 StatutoryVisitMade',
    '2024-01-15 CeasedToBeLookedAfter E4A',
    '2024-02-01 CaseClosed RC7',
  ],
  CH0007: [
    '2024-01-03 ReferralReceived',
    '2024-01-03 ReferralDecisionMade strategy-discussion',
    '2024-01-04 StrategyDiscussionHeld',
    '2024-01-04 CaseAllocated W03 T30',
    '2024-01-12 Section47EnquiryCompleted',
    '2024-01-25 InitialChildProtectionConferenceHeld MUL',
    '2024-01-25 PlanStarted CP MUL',
    '2024-02-01 StatutoryVisitMade',
    '2024-02-13 StatutoryVisitMade',
    '2024-02-23 StatutoryVisitMade',
    '2024-04-18 PlanReviewed',
    '2024-09-30 PlanReviewed',
    '2024-09-30 PlanEnded',
    '2024-10-15 CaseClosed RC7',
  ],
  CH0008: ['2024-04-02 ReferralReceived', '2024-04-10 InitialChildProtectionConferenceHeld'],
  CH0009: ['2024-02-19 ContactReceived', '2024-05-31 ContactReceived'],
  CH0010: [
    '2023-03-01 ReferralReceived',
    '2023-03-01 ReferralDecisionMade assessment',
    '2023-03-02 AssessmentStarted',
    '2023-03-02 CaseAllocated W01 T20',
    '2023-04-14 AssessmentAuthorised not-in-need',
    '2023-04-20 CaseClosed RC9',
    '2024-05-07 ReferralReceived',
    '2024-05-07 ReferralDecisionMade assessment',
    '2024-05-08 AssessmentStarted',
    '2024-05-08 CaseAllocated W01 T20',
  ],
  CH0011: [
    '2024-01-22 ReferralReceived',
    '2024-01-22 CaseAllocated W05 T40',
    '2024-01-24 BecameLookedAfter V2 U3',
    '2024-01-29 StatutoryVisitMade',
    '2024-03-20 StatutoryVisitMade',
    '2024-05-31 CaseUnallocated W05',
    '2024-06-10 CaseAllocated W04 T40',
  ],
  CH0012: [
    '2024-02-05 ReferralReceived',
    '2024-02-05 ReferralDecisionMade assessment',
    '2024-02-06 AssessmentStarted',
    '2024-02-06 CaseAllocated W01 T20',
    '2024-03-01 AssessmentAuthorised child-in-need',
    '2024-03-08 PlanStarted CIN',
    '2024-03-22 StatutoryVisitMade',
    '2024-05-02 StatutoryVisitMade',
    '2024-06-13 StatutoryVisitMade',
    '2024-08-01 PlanEnded',
    '2024-08-01 CaseClosed RC7',
  ],
};

/** An event as the histories above write it: its day, type and what tells it apart. */
function line(event: ChildEvent): string {
  const data = event.data as unknown as Record<string, unknown>;
  const detail = [
    data.decision,
    data.outcome,
    data.planType,
    event.type === 'CaseClosed' || event.type === 'CeasedToBeLookedAfter' ? data.reason : undefined,
    data.legalStatus,
    data.placementType,
    data.categoryOfAbuse,
    data.workerId ?? data.toWorkerId,
    event.type === 'CaseUnallocated' ? undefined : data.teamId,
  ].filter((part) => part !== undefined);
  return [event.occurredAt, event.type, ...detail].join(' ');
}

const historyOf = async (store: EventStore, childId: string): Promise<ChildEvent[]> =>
  (await store.readStream(childStreamId(childId))).map((event) => fromStoredEvent(event) as ChildEvent);

function expectEveryRowAccountedFor(report: ImportReport): void {
  for (const [table, counts] of Object.entries(report.tables))
    expect({ table, read: counts.read }).toEqual({ table, read: counts.recorded + counts.known + counts.refused });
}

describeForEachDatabase('SSD import of the fixture extract (testing/ssd-fixture)', (openDatabase) => {
  let store: EventStore;
  openEventStoreForSuite(openDatabase, (suite) => ({ store } = suite));

  it('gives each child the history its rows say, accounts for every row per SSD table, and records nothing the second time', async () => {
    const run = randomUUID().slice(0, 8);
    const texts = ssdFixtureTexts(run);
    const report = await importTexts(store, texts);
    expect(report.refused).toEqual([]);
    expectEveryRowAccountedFor(report);
    expect(Object.keys(report.tables)).toEqual([...SSD_IMPORTED_TABLES]);
    // Each table's rows, as the files hold them (header excluded).
    for (const table of SSD_IMPORTED_TABLES)
      expect({ table, read: report.tables[table].read }).toEqual({ table, read: texts.get(`${table}.csv`)!.trim().split('\n').length - 1 });
    expect(report.skipped.map((s) => [s.table, s.rows])).toEqual([
      ['ssd_cla_reviews', 3],
      ['ssd_department', 5],
      ['ssd_legal_status', 4],
      ['ssd_person', 12],
      ['ssd_professionals', 6],
    ]);
    expect(report.children).toEqual({ read: 12, recorded: 12, known: 0, refused: 0 });
    for (const [child, history] of Object.entries(HISTORIES)) {
      expect({ child, history: (await historyOf(store, `${child}-${run}`)).map(line) }).toEqual({ child, history });
    }

    // The read side's view of the looked-after child: one period, two placements, the long-term one current.
    const facts = caseFactsOf((await historyOf(store, `CH0005-${run}`)).reduce(evolveChildCase, initialChildCaseState));
    const [period] = [...facts.periodsOfCare.values()];
    expect(period.placements.map((p) => [p.on, p.placementType, p.longTerm])).toEqual([
      ['2023-10-02', 'U6', false],
      ['2024-03-11', 'U4', true],
    ]);

    const again = await importTexts(store, texts);
    expect(again.events.recorded).toBe(0);
    expect(again.children).toEqual({ read: 12, recorded: 0, known: 12, refused: 0 });
    expectEveryRowAccountedFor(again);
    for (const table of SSD_IMPORTED_TABLES) expect(again.tables[table].recorded).toBe(0);
  });

  it('records a row changed in a later extract as a retraction and the corrected event, listed in the report', async () => {
    const run = randomUUID().slice(0, 8);
    await importTexts(store, ssdFixtureTexts(run));
    // The later extract says CH0001's contact came from another source, and one of CH0003's visits was a day later.
    const later = ssdFixtureTexts(run, (name, text) =>
      name === 'ssd_contacts.csv'
        ? text.replace(/^(C0001,[^,]+,2024-01-08),3A,/m, '$1,3B,')
        : name === 'ssd_cp_visits.csv'
          ? text.replace(/^(CPV032,[^,]+,[^,]+),2024-03-14,/m, '$1,2024-03-15,')
          : text,
    );
    const report = await importTexts(store, later);
    expect(report.refused).toEqual([]);
    expect(report.corrections.map((c) => [c.table, c.file, c.naturalKey, c.type])).toEqual([
      ['ssd_contacts', 'ssd_contacts.csv', `CH0001-${run} contact C0001`, 'ContactReceived'],
      ['ssd_cp_visits', 'ssd_cp_visits.csv', `CH0003-${run} visit CPV032`, 'StatutoryVisitMade'],
    ]);
    expect(report.tables.ssd_contacts).toEqual({ read: 5, recorded: 1, known: 4, refused: 0 });
    expect(report.events.recorded).toBe(4); // two retractions, two corrected events
    for (const child of ['CH0001', 'CH0003']) {
      const history = await historyOf(store, `${child}-${run}`);
      const retracted = new Set(history.filter((e) => e.type === 'EventRetracted').map((e) => (e.data as { retractedEventId: string }).retractedEventId));
      expect(retracted.size).toBe(1);
      expect([...retracted].every((id) => report.corrections.some((c) => c.retractedEventId === id))).toBe(true);
      const standing = history.filter((e) => e.type !== 'EventRetracted' && !retracted.has(e.eventId));
      if (child === 'CH0001') expect(standing.filter((e) => e.type === 'ContactReceived').map((e) => (e.data as { source: string }).source)).toEqual(['3B']);
      else
        expect(
          standing
            .filter((e) => e.type === 'StatutoryVisitMade')
            .map((e) => e.occurredAt)
            .sort(),
        ).toEqual(['2024-03-05', '2024-03-15', '2024-03-26', '2024-04-04', '2024-04-15']);
    }
    expect((await importTexts(store, later)).events.recorded).toBe(0);
  });

  it('refuses, whole and with the reason, a correction the history cannot take: a plan whose reviews depend on it', async () => {
    const run = randomUUID().slice(0, 8);
    await importTexts(store, ssdFixtureTexts(run));
    const recategorised = ssdFixtureTexts(run, (name, text) =>
      name === 'ssd_cp_plans.csv' ? text.replace(/,Neglect,N,Neglect$/m, ',Emotional abuse,N,Emotional abuse') : text,
    );
    const before = await historyOf(store, `CH0003-${run}`);
    const report = await importTexts(store, recategorised);
    expect(report.refused[0]).toMatchObject({ table: 'ssd_cp_plans', line: 2, naturalKey: `CH0003-${run} cp-plan CPP03`, code: 'CONFLICTS_WITH_LATER_EVENT' });
    expect(report.children.refused).toBe(1);
    expect(await historyOf(store, `CH0003-${run}`)).toEqual(before);
  });

  it('refuses a child whose row holds 31/02/2024 whole, naming the file, line and natural key, and records every other child', async () => {
    const run = randomUUID().slice(0, 8);
    const texts = ssdFixtureTexts(run, (name, text) => (name === 'ssd_cp_visits.csv' ? text.replace('2024-03-26', '31/02/2024') : text));
    const report = await importTexts(store, texts);
    expectEveryRowAccountedFor(report);
    const [cause, ...keptOut] = report.refused;
    expect(cause).toEqual({
      table: 'ssd_cp_visits',
      file: 'ssd_cp_visits.csv',
      line: 4,
      naturalKey: `CH0003-${run} visit CPV033`,
      code: 'INVALID_DATE',
      field: 'cppv_cp_visit_date',
      message: 'cppv_cp_visit_date is "31/02/2024", which is not a real date (write YYYY-MM-DD or DD/MM/YYYY).',
    });
    expect(new Set(keptOut.map((row) => row.code))).toEqual(new Set(['CHILD_NOT_IMPORTED']));
    // Every other row of the child: 15 rows (a contact, a referral, an s47, an ICPC, a plan, 3 reviews, 5 visits, 2 allocations) less the refused one.
    expect(keptOut).toHaveLength(14);
    expect(await historyOf(store, `CH0003-${run}`)).toEqual([]);
    expect(report.children).toEqual({ read: 12, recorded: 11, known: 0, refused: 1 });
  });

  it('refuses a row with a code outside the list, and a file of no SSD table or not CSV before recording anything', async () => {
    const run = randomUUID().slice(0, 8);
    const badCode = await importTexts(
      store,
      ssdFixtureTexts(run, (name, text) => (name === 'ssd_cla_placement.csv' ? text.replace(',K2,', ',K9,') : text)),
    );
    // The period's first episode needs the placement's type: it is refused first, naming the placement's file and line.
    expect(badCode.refused[0]).toMatchObject({
      file: 'ssd_cla_episodes.csv',
      line: 5,
      naturalKey: `CH0006-${run} cla-episode E061`,
      code: 'UNKNOWN_CODE',
      field: 'clap_cla_placement_type',
    });
    expect(badCode.refused[0].message).toMatch(/^ssd_cla_placement\.csv:4 \(ssd_cla_placement\), which this row needs: clap_cla_placement_type is "K9"/);
    expect(badCode.refused.slice(1).every((r) => r.code === 'CHILD_NOT_IMPORTED' && r.naturalKey.startsWith(`CH0006-${run} `))).toBe(true);
    expect(badCode.children).toEqual({ read: 12, recorded: 11, known: 0, refused: 1 });

    const other = randomUUID().slice(0, 8);
    const withStranger = new Map([...ssdFixtureTexts(other), ['ssd_cin_notes.csv', 'note_id,note_text\n1,hello\n']]);
    const unknown = importTexts(store, withStranger);
    await expect(unknown).rejects.toThrow(ImportInputError);
    await expect(unknown).rejects.toMatchObject({ code: 'UNKNOWN_TABLE', file: 'ssd_cin_notes.csv', line: 1 });
    const notCsv = importTexts(store, new Map([...ssdFixtureTexts(other), ['ssd_contacts.csv', 'cont_contact_id,cont_person_id\n"C1,CH0001\n']]));
    await expect(notCsv).rejects.toMatchObject({ code: 'NOT_CSV', file: 'ssd_contacts.csv' });
    for (const child of Object.keys(HISTORIES)) expect(await historyOf(store, `${child}-${other}`)).toEqual([]);
  });

  it('imports the folder zipped (as HTTP sends it) to the same histories as the folder', async () => {
    const run = randomUUID().slice(0, 8);
    const zip = ssdFixtureZip(ssdFixtureTexts(run));
    const report = await runImport('ssd', [{ name: 'extract.zip', open: () => Readable.from([zip]) }], { store, today: TODAY, authority: '201' });
    expect(report.refused).toEqual([]);
    expect(report.children.recorded).toBe(12);
    expect(report.skipped[0].file).toBe('extract.zip/ssd-extract/ssd_cla_reviews.csv');
    for (const [child, history] of Object.entries(HISTORIES)) expect((await historyOf(store, `${child}-${run}`)).map(line)).toEqual(history);
  });
});
