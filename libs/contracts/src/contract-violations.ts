/**
 * The closed set of codes a contract violation carries. A producer can act on the code alone; the message
 * says what was wrong and what is allowed; the field says where.
 */
export const VIOLATION_CODES = {
  /** The envelope is not a JSON object (null, an array, a string, a number ...). `field` is ''. */
  NOT_AN_OBJECT: 'The envelope is not a JSON object.',
  /** The input threw while being read (a getter or proxy, never plain JSON). `field` is ''. */
  UNREADABLE_INPUT: 'The input could not be read as plain JSON data.',
  /** `schemaVersion` is present but is not a version this contract supports; nothing else was checked. */
  UNSUPPORTED_SCHEMA_VERSION: 'The envelope has a schemaVersion this contract does not support.',
  /** `type` is not one of the catalogue's event types; nothing else was checked. */
  UNKNOWN_EVENT_TYPE: 'The envelope type is not an event type of the catalogue.',
  /** A required field is absent (also: none of the fields of which at least one is required). */
  MISSING_FIELD: 'A required field is absent.',
  /** A field the contract does not define for this event type (including childId on a worker event, workerId on a child event). */
  UNKNOWN_FIELD: 'A field the contract does not define for this event type.',
  /** A field has the wrong type or format, is out of range, or is not one of the catalogue's own values. */
  INVALID_FIELD: 'A field has the wrong type, format or value.',
  /** A well-formed date outside the range the product accepts (occurredAt 2005-2040 as a Europe/London date; dates of birth 1900-2040). */
  DATE_OUT_OF_RANGE: 'A date is outside the range of dates the product accepts.',
  /** Text holding a character PostgreSQL cannot store (NUL U+0000, or half of a surrogate pair U+D800-U+DFFF). */
  UNSTORABLE_TEXT: 'Text holds a character that cannot be stored (NUL or a lone surrogate).',
  /** A field holds a value outside its national code list (CIN census or SSDA903). */
  INVALID_CODE: 'A field holds a value outside its national code list.',
  /** A field is present that another field's value rules out (dateOfBirth with expectedDateOfBirth, section47Id when no s47 started ...). */
  CONFLICTING_FIELDS: 'A field is present that another field rules out.',
  /** More violations were found than one answer reports; fix these and send again. `field` is ''. */
  TOO_MANY_VIOLATIONS: 'More violations were found than are reported.',
} as const;

export type ViolationCode = keyof typeof VIOLATION_CODES;

/** One thing wrong with an envelope. `field` is a dotted path from the envelope root ('' for the root itself), e.g. `data.factors[2]`. */
export interface ContractViolation {
  code: ViolationCode;
  message: string;
  field: string;
}

export type EnvelopeValidationResult<E> = { ok: true; event: E } | { ok: false; errors: ContractViolation[] };

/** At most this many violations are reported for one envelope, so a junk input cannot produce a huge answer. */
export const MAX_REPORTED_VIOLATIONS = 50;
