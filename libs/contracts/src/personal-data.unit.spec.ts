import { ChildEventEnvelopeDto, EnvelopeSourceDto } from './envelope/event-envelope';
import { CASE_EVENT_PAYLOADS, CASE_EVENT_TYPES } from './event-catalogue';
import { describeContractClass } from './fields/contract-class-metadata';
import { CHILD_ENVELOPE_FIELDS, CHILD_PAYLOAD_FIELDS, encryptedPayloadFields } from './personal-data';

describe('personal data classification', () => {
  it.each(CASE_EVENT_TYPES)('classifies every field of the %s payload, and nothing else', (type) => {
    const declared = describeContractClass(CASE_EVENT_PAYLOADS[type]).fields.map((field) => field.name);
    expect(Object.keys(CHILD_PAYLOAD_FIELDS[type]).sort()).toEqual([...declared].sort());
  });

  it('classifies every field of the child envelope and its source', () => {
    const envelope = describeContractClass(ChildEventEnvelopeDto)
      .fields.map((field) => field.name)
      .filter((name) => name !== 'data' && name !== 'source');
    const source = describeContractClass(EnvelopeSourceDto).fields.map((field) => `source.${field.name}`);
    expect(Object.keys(CHILD_ENVELOPE_FIELDS).sort()).toEqual([...envelope, ...source].sort());
  });

  it('encrypts every text and calendar-date field of a child payload: dates of birth and free text are never a case fact', () => {
    for (const type of CASE_EVENT_TYPES) {
      for (const { name, spec } of describeContractClass(CASE_EVENT_PAYLOADS[type]).fields) {
        if (spec.type.kind === 'text' || spec.type.kind === 'calendarDate')
          expect(`${type}.${name}: ${CHILD_PAYLOAD_FIELDS[type][name as never]}`).not.toMatch(/case-fact$/);
      }
    }
  });

  it('lists the encrypted fields of each type: the child details, and the reasons typed in words', () => {
    expect(encryptedPayloadFields('ChildDetailsRecorded')).toEqual(['dateOfBirth', 'expectedDateOfBirth', 'gender', 'ethnicity', 'disabilities']);
    expect(encryptedPayloadFields('EventRetracted')).toEqual(['reason']);
    expect(encryptedPayloadFields('PlanEnded')).toEqual(['reason']);
    expect(encryptedPayloadFields('ReferralReceived')).toEqual([]);
  });
});
