import { EVENT_TYPES } from './event-catalogue';
import { EVENT_DESCRIPTIONS } from './event-descriptions';
import { EVENT_EXAMPLES } from './examples';
import { streamIdFor } from './stream-ids';
import { validateEnvelope } from './validate-envelope';

describe('EVENT_EXAMPLES', () => {
  it.each(EVENT_TYPES)('%s validates and comes back unchanged as a plain object', (type) => {
    const example = EVENT_EXAMPLES[type];
    const result = validateEnvelope(JSON.parse(JSON.stringify(example)));
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    expect(result.event).toEqual(example);
    expect(Object.getPrototypeOf(result.event)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.event.data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.event.source)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(result.event))).toEqual(result.event);
  });

  it('has one example and one description for every type, with distinct event ids', () => {
    expect(Object.keys(EVENT_EXAMPLES).sort()).toEqual([...EVENT_TYPES].sort());
    expect(Object.keys(EVENT_DESCRIPTIONS).sort()).toEqual([...EVENT_TYPES].sort());
    expect(new Set(Object.values(EVENT_EXAMPLES).map((example) => example.eventId)).size).toBe(EVENT_TYPES.length);
  });

  it('puts child events on child streams and worker events on worker streams', () => {
    expect(streamIdFor(EVENT_EXAMPLES.ReferralReceived)).toBe('child-C100234');
    expect(streamIdFor(EVENT_EXAMPLES.SocialWorkerJoined)).toBe('worker-SW0412');
    expect(() => streamIdFor({})).toThrow(/exactly one of childId or workerId/);
    expect(() => streamIdFor({ childId: 'a', workerId: 'b' })).toThrow(/exactly one/);
  });
});
