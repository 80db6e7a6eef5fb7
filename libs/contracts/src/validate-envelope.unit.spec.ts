import { EVENT_EXAMPLES } from './examples';
import { validateEnvelope } from './validate-envelope';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const violations = (raw: unknown) => {
  const result = validateEnvelope(raw);
  return result.ok ? [] : result.errors;
};

describe('validateEnvelope', () => {
  it('returns a fresh plain object: no class instance, no shared arrays, no undefined fields', () => {
    const raw = { ...copy(EVENT_EXAMPLES.AssessmentAuthorised), correlationId: undefined };
    const result = validateEnvelope(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.event).not.toBe(raw);
    expect(result.event.data).not.toBe(raw.data);
    if (result.event.type !== 'AssessmentAuthorised') throw new Error('wrong type');
    expect(result.event.data.factors).not.toBe(raw.data.factors);
    expect('correlationId' in result.event).toBe(false);
    expect(Object.keys(result.event)).toEqual(['eventId', 'type', 'schemaVersion', 'childId', 'occurredAt', 'source', 'data']);
  });

  it('gives every UUID in lower case, the one spelling the store keeps, so an upper-case retry is the same event', () => {
    const raw = copy(EVENT_EXAMPLES.EventRetracted);
    const upper = { ...raw, eventId: raw.eventId.toUpperCase(), data: { ...raw.data, retractedEventId: raw.data.retractedEventId.toUpperCase() } };
    const result = validateEnvelope(upper);
    if (!result.ok || result.event.type !== 'EventRetracted') throw new Error(JSON.stringify(result));
    expect(result.event.eventId).toBe(raw.eventId.toLowerCase());
    expect(result.event.data.retractedEventId).toBe(raw.data.retractedEventId.toLowerCase());
  });

  it('accepts an object without a prototype, as some JSON parsers make them', () => {
    const raw = Object.assign(Object.create(null) as object, copy(EVENT_EXAMPLES.CaseClosed));
    expect(validateEnvelope(raw).ok).toBe(true);
  });

  it('answers a non-object with NOT_AN_OBJECT at the root', () => {
    for (const raw of [null, undefined, [], 'ReferralReceived', 1, true]) {
      expect(violations(raw)).toEqual([{ code: 'NOT_AN_OBJECT', field: '', message: expect.stringContaining('must be a JSON object') }]);
    }
  });

  it('stops at a wrong schemaVersion and says so', () => {
    const raw = { ...copy(EVENT_EXAMPLES.CaseClosed), schemaVersion: 2, data: 'rubbish' };
    expect(violations(raw)).toEqual([
      {
        code: 'UNSUPPORTED_SCHEMA_VERSION',
        field: 'schemaVersion',
        message: 'schemaVersion must be 1, the only version of this contract; got 2 (nothing else was checked)',
      },
    ]);
  });

  it('stops at a missing or unknown type and lists the types', () => {
    const { type: _type, ...untyped } = copy(EVENT_EXAMPLES.CaseClosed);
    expect(violations(untyped)).toEqual([{ code: 'MISSING_FIELD', field: 'type', message: expect.stringContaining('ReferralReceived') }]);
    expect(violations({ ...untyped, type: 'CaseReopened' })).toEqual([
      { code: 'UNKNOWN_EVENT_TYPE', field: 'type', message: expect.stringMatching(/got "CaseReopened"$/) },
    ]);
  });

  it('names the code list and every code it allows', () => {
    const raw = copy(EVENT_EXAMPLES.ReferralReceived);
    raw.data = { ...raw.data, source: '11' as never };
    expect(violations(raw)).toEqual([
      {
        code: 'INVALID_CODE',
        field: 'data.source',
        message:
          'data.source must be a CIN census referral source code (1A, 1B, 1C, 1D, 2A, 2B, 3A, 3B, 3C, 3D, 3E, 3F, 4, 5A, 5B, 5C, 5D, 6, 7, 8, 9, 10); got "11"',
      },
    ]);
  });

  it('tells a worker event with a childId where it went wrong', () => {
    const raw = { ...copy(EVENT_EXAMPLES.SocialWorkerLeft), childId: 'C1' };
    expect(violations(raw)).toEqual([
      {
        code: 'UNKNOWN_FIELD',
        field: 'childId',
        message: 'childId is not allowed on SocialWorkerLeft: worker events carry workerId, child events carry childId',
      },
    ]);
  });

  it('accepts FTEs in hundredths only', () => {
    const withFte = (fte: unknown) => ({ ...copy(EVENT_EXAMPLES.SocialWorkerJoined), data: { ...EVENT_EXAMPLES.SocialWorkerJoined.data, fte } });
    for (const fte of [0.01, 0.07, 0.29, 0.5, 0.81, 1]) expect(violations(withFte(fte))).toEqual([]);
    for (const fte of [0, -0.5, 1.01, 0.333, 0.291, Number.NaN, '0.5', null]) {
      expect(violations(withFte(fte)).map(({ code, field }) => ({ code, field }))).toEqual([{ code: 'INVALID_FIELD', field: 'data.fte' }]);
    }
  });

  it('does not echo a huge value back', () => {
    const raw = { ...copy(EVENT_EXAMPLES.CaseClosed), childId: 'x'.repeat(1_000_000) };
    const [error] = violations(raw);
    expect(error.field).toBe('childId');
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toContain('(1000000 characters)');
  });
});

describe('dates the read models could not measure are refused with DATE_OUT_OF_RANGE', () => {
  const withOccurredAt = (type: 'ReferralReceived' | 'SocialWorkerJoined', occurredAt: string) => ({ ...copy(EVENT_EXAMPLES[type]), occurredAt });
  it.each([
    ['a referral in year 0000', withOccurredAt('ReferralReceived', '0000-01-01'), '2005-01-01'],
    ["a worker's joining in year 0000", withOccurredAt('SocialWorkerJoined', '0000-01-01'), '1950-01-01'],
    ['a referral before the bank-holiday calendar (2004-12-31)', withOccurredAt('ReferralReceived', '2004-12-31'), '2005-01-01'],
    ['a timestamp whose London date is 10000-01-01', withOccurredAt('ReferralReceived', '9999-12-31T23:59:59-01:00'), '2005-01-01'],
  ])('%s', (_name, raw, from) => {
    expect(violations(raw)).toEqual([{ code: 'DATE_OUT_OF_RANGE', field: 'occurredAt', message: expect.stringContaining(`between ${from} and 2040-12-31`) }]);
  });

  it("a worker's joining before the calendar, in 1998, is accepted", () => {
    expect(violations(withOccurredAt('SocialWorkerJoined', '1998-09-01'))).toEqual([]);
  });

  it('a date of birth in year 0000', () => {
    const raw = copy(EVENT_EXAMPLES.ChildDetailsRecorded);
    (raw.data as unknown as Record<string, unknown>).dateOfBirth = '0000-01-01';
    delete (raw.data as unknown as Record<string, unknown>).expectedDateOfBirth;
    expect(violations(raw)).toEqual([
      { code: 'DATE_OUT_OF_RANGE', field: 'data.dateOfBirth', message: expect.stringContaining('between 1900-01-01 and 2040-12-31') },
    ]);
  });

  it('the first and last days of the range are accepted', () => {
    expect(violations(withOccurredAt('ReferralReceived', '2005-01-01'))).toEqual([]);
    expect(violations(withOccurredAt('ReferralReceived', '2040-12-31T23:00:00Z'))).toEqual([]);
  });
});
