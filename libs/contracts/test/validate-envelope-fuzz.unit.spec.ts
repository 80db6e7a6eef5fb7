// validateEnvelope must never throw, whatever it is given, and must agree with the JSON Schemas on envelopes
// that are almost right (random mutations of the examples).
import fc from 'fast-check';
import { EVENT_EXAMPLES, EVENT_TYPES, MAX_REPORTED_VIOLATIONS, VIOLATION_CODES, validateEnvelope, type EventType } from '@csc/contracts';
import { schemaVerdicts, sortViolations } from './json-schema-validators';

type Json = Record<string, unknown>;

function expectWellFormed(result: ReturnType<typeof validateEnvelope>): void {
  if (result.ok) {
    expect(JSON.parse(JSON.stringify(result.event))).toEqual(result.event);
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  expect(result.errors.length).toBeLessThanOrEqual(MAX_REPORTED_VIOLATIONS + 1);
  for (const error of result.errors) {
    expect(Object.keys(VIOLATION_CODES)).toContain(error.code);
    expect(typeof error.field).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.message.length).toBeLessThan(2_000);
  }
}

const tricky = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'type', 'data', 'source', '', 'a.b', '0');
/** Keys the contract knows somewhere, so added keys often land where they are allowed, or conflict. */
const knownKeys = fc.constantFrom(
  'expectedDateOfBirth',
  'section47Id',
  'categoryOfAbuse',
  'childId',
  'workerId',
  'user',
  'correlationId',
  'referralId',
  'teamId',
  'agency',
);
/** Values that are valid for some field, so mutations often keep an envelope valid or break one rule only. */
const nearlyValid = fc.constantFrom(
  true,
  false,
  'CP',
  'CIN',
  'NEG',
  'X1',
  'E41',
  '2025-01-01',
  '2025-01-01T10:00:00Z',
  '1A',
  ['1A'],
  ['NONE'],
  ['NONE', 'MOB'],
  0.5,
  1,
  'lcs',
  'S47-1',
);

/** An example with a few random changes: values replaced (anywhere, nested too), keys removed, keys added. */
const mutatedExample = fc
  .record({
    type: fc.constantFrom(...EVENT_TYPES),
    edits: fc.array(
      fc.record({
        level: fc.constantFrom('', 'source', 'data'),
        action: fc.constantFrom('set', 'delete', 'add'),
        pick: fc.nat(),
        key: fc.oneof(tricky, knownKeys, fc.string({ maxLength: 8 })),
        value: fc.oneof(nearlyValid, nearlyValid, fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('ZZ9', '2024-02-30', '', 'NONE', 0, null)),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ type, edits }) => {
    const envelope = JSON.parse(JSON.stringify(EVENT_EXAMPLES[type as EventType])) as Json;
    for (const edit of edits) {
      const target = edit.level === '' ? envelope : envelope[edit.level];
      if (typeof target !== 'object' || target === null || Array.isArray(target)) continue;
      const object = target as Json;
      const keys = Object.keys(object);
      const key = edit.action === 'add' || keys.length === 0 ? edit.key : keys[edit.pick % keys.length];
      if (edit.action === 'delete') delete object[key];
      else Object.defineProperty(object, key, { value: edit.value, enumerable: true, writable: true, configurable: true });
    }
    // What a producer would send: JSON text, parsed (so `__proto__` arrives as an own key, as JSON.parse makes it).
    return JSON.parse(JSON.stringify(envelope)) as unknown;
  });

describe('validateEnvelope under fuzzing', () => {
  it('never throws on anything at all', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withObjectString: true,
          withTypedArray: true,
          withSparseArray: true,
        }),
        (value) => {
          expectWellFormed(validateEnvelope(value));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('agrees with the JSON Schemas on randomly mutated examples', () => {
    fc.assert(
      fc.property(mutatedExample, (envelope) => {
        const result = validateEnvelope(envelope);
        expectWellFormed(result);
        const verdicts = schemaVerdicts(envelope);
        const schemaSays = verdicts.perType ?? verdicts.envelope;
        expect(result.ok).toBe(schemaSays.length === 0);
        expect(result.ok).toBe(verdicts.envelope.length === 0);
        const version = (envelope as Json).schemaVersion;
        // A wrong version stops validateEnvelope at once; the schemas go on and report the rest.
        if (!result.ok && (version === undefined || version === 1) && result.errors.length <= MAX_REPORTED_VIOLATIONS) {
          expect(sortViolations(result.errors)).toEqual(schemaSays);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('turns away hostile inputs without throwing or polluting prototypes', () => {
    const valid = EVENT_EXAMPLES.ReferralReceived as unknown as Json;
    const text = JSON.stringify(valid);
    const huge = 'x'.repeat(5_000_000);
    let deep: unknown = 'bottom';
    for (let depth = 0; depth < 50_000; depth += 1) deep = { nested: deep };
    const hostile: unknown[] = [
      null,
      undefined,
      [],
      [valid],
      'text',
      42,
      true,
      Symbol('s'),
      () => valid,
      10n,
      JSON.parse(text.replace('{', '{"__proto__":{"polluted":true},')),
      JSON.parse(text.replace('"data":{', '"data":{"__proto__":{"polluted":true},')),
      JSON.parse(text.replace('"source":{', '"source":{"constructor":{"prototype":{"polluted":true}},')),
      { ...valid, data: deep },
      { ...valid, unexpected: deep },
      { ...valid, childId: huge },
      { ...valid, type: huge },
      { ...valid, [huge]: 1 },
      { ...valid, data: { ...(valid.data as Json), source: huge } },
      { ...valid, data: new Array(1_000_000).fill({}) },
      { ...valid, data: { ...(valid.data as Json), extra: new Array(100_000).fill('x') } },
      { ...valid, occurredAt: `${'9'.repeat(100_000)}-01-01` },
      new Proxy(
        {},
        {
          getPrototypeOf: () => {
            throw new Error('trap');
          },
        },
      ),
      Object.defineProperty({ ...valid }, 'type', {
        get: () => {
          throw new Error('getter');
        },
        enumerable: true,
      }),
      Object.assign(Object.create(null) as object, valid),
    ];
    for (const input of hostile) expectWellFormed(validateEnvelope(input));
    expect(({} as Json).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('reports junk nested in a code list as bad codes, however deep', () => {
    let deep: unknown = 'bottom';
    for (let depth = 0; depth < 50_000; depth += 1) deep = [deep];
    const raw = { ...EVENT_EXAMPLES.AssessmentAuthorised, data: { ...EVENT_EXAMPLES.AssessmentAuthorised.data, factors: [deep, deep] } };
    const result = validateEnvelope(raw);
    expect(result.ok ? [] : result.errors.map(({ code, field }) => ({ code, field }))).toEqual([
      { code: 'INVALID_CODE', field: 'data.factors[0]' },
      { code: 'INVALID_CODE', field: 'data.factors[1]' },
    ]);
  });

  it('reports an unknown __proto__ key instead of obeying it', () => {
    const text = JSON.stringify(EVENT_EXAMPLES.ReferralReceived).replace('"data":{', '"data":{"__proto__":{"referralId":"sneaky"},');
    const result = validateEnvelope(JSON.parse(text));
    expect(result.ok ? [] : result.errors.map(({ code, field }) => ({ code, field }))).toEqual([{ code: 'UNKNOWN_FIELD', field: 'data.__proto__' }]);
  });

  it('bounds the answer for an envelope with thousands of problems', () => {
    const junk = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]));
    const result = validateEnvelope({ ...EVENT_EXAMPLES.CaseClosed, ...junk, data: { ...junk } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(MAX_REPORTED_VIOLATIONS + 1);
      expect(result.errors[MAX_REPORTED_VIOLATIONS].code).toBe('TOO_MANY_VIOLATIONS');
    }
  });
});
