// Proves the class-validator classes (through validateEnvelope) and the generated JSON Schemas accept and
// reject the same envelopes, with the same violation codes at the same fields.
import { EVENT_EXAMPLES, EVENT_TYPES, validateEnvelope } from '@csc/contracts';
import { envelopeVariants, fieldVariants, type InvalidVariant } from './invalid-envelope-variants';
import { schemaVerdicts, sortViolations } from './json-schema-validators';
import { RULE_VARIANTS } from './rule-variants';

function expectBothReject(variant: InvalidVariant): void {
  const result = validateEnvelope(variant.envelope);
  expect(result.ok).toBe(false);
  const errors = result.ok ? [] : result.errors;
  const expected = sortViolations(variant.expected);
  expect(sortViolations(errors)).toEqual(expected);
  for (const error of errors) expect(error.message).toContain(error.field === '' ? '' : error.field.split('[')[0]);
  const verdicts = schemaVerdicts(variant.envelope);
  if (verdicts.perType) expect(verdicts.perType).toEqual(expected);
  expect(verdicts.envelope).toEqual(expected);
}

describe('every example', () => {
  it.each(EVENT_TYPES)('%s is valid for validateEnvelope, its own JSON Schema and the envelope schema', (type) => {
    expect(validateEnvelope(EVENT_EXAMPLES[type]).ok).toBe(true);
    expect(schemaVerdicts(EVENT_EXAMPLES[type])).toEqual({ perType: [], envelope: [] });
  });
});

describe.each(EVENT_TYPES)('%s: validateEnvelope and the JSON Schemas reject the same things', (type) => {
  const variants = [...fieldVariants(type), ...envelopeVariants(type)];
  it.each(variants.map((variant) => [variant.name, variant] as const))('%s', (_name, variant) => expectBothReject(variant));
});

describe('conditional rules', () => {
  it.each(RULE_VARIANTS.map((variant) => [variant.name, variant] as const))('%s', (_name, variant) => expectBothReject(variant));
});
