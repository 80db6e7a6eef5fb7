import { EventStoreUnavailable, isDatabaseUnavailable } from './errors';

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a terminated backend (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection ended under a query', new Error('Connection terminated unexpectedly')],
    ["TypeORM's wrapper of a driver error", Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('x'), { code: '57P01' }) })],
    ['the store saying so', new EventStoreUnavailable('down')],
  ])('recognises %s', (_name, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near'), { code: '42601' })],
    ['nothing', undefined],
  ])('does not take %s for an outage', (_name, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
