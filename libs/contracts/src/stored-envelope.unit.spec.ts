import { EVENT_EXAMPLES, EVENT_TYPES, fromStoredEvent, toStoredEvent, validateEnvelope } from '@csc/contracts';

describe('stored envelopes', () => {
  it.each(EVENT_TYPES)('gives back the producer envelope of %s exactly after storing it', (type) => {
    const validated = validateEnvelope(EVENT_EXAMPLES[type]);
    if (!validated.ok) throw new Error(`example of ${type} is invalid`);
    const stored = toStoredEvent(validated.event, { channel: 'kafka', recordedBy: 'lcs-feed' });
    const roundTripped = JSON.parse(JSON.stringify(stored));
    expect(fromStoredEvent(roundTripped)).toEqual(validated.event);
    expect(stored.metadata).toMatchObject({ channel: 'kafka', recordedBy: 'lcs-feed' });
  });

  it('keeps how an event was received out of the envelope, so a resend through another channel matches', () => {
    const validated = validateEnvelope(EVENT_EXAMPLES.ReferralReceived);
    if (!validated.ok) throw new Error('invalid example');
    const viaHttp = fromStoredEvent(toStoredEvent(validated.event, { channel: 'http' }));
    const viaKafka = fromStoredEvent(toStoredEvent(validated.event, { channel: 'kafka' }));
    expect(viaHttp).toEqual(viaKafka);
  });
});
