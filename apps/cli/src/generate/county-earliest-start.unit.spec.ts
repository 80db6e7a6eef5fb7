// A county on the earliest start it accepts: every event, the opening caseload's back-dated histories included, is
// one the contract accepts (the first occurredAt it takes of a child's event is OCCURRED_ON_RANGE.from; a worker's career
// may begin earlier).
import { OCCURRED_ON_RANGE, validateEnvelope } from '@csc/contracts';
import { countyConfig } from './config/county-config';
import { CountySimulation } from './simulation/county-simulation';

describe('a county generated from the earliest start', () => {
  it("emits no child's event dated before the first date the contract accepts, and every event is valid under it", () => {
    const config = countyConfig('county', { start: '2009-01-01', referralsPerYear: 600, workers: 29, years: 1, seed: 2009 });
    const refused: unknown[] = [];
    let earliest = '9999-12-31';
    for (const { event } of new CountySimulation(config)) {
      const day = event.occurredAt.slice(0, 10);
      if (event.workerId === undefined && day < earliest) earliest = day;
      const validated = validateEnvelope(JSON.parse(JSON.stringify(event)));
      if (!validated.ok && refused.length < 5)
        refused.push({ eventId: event.eventId, type: event.type, occurredAt: event.occurredAt, errors: validated.errors });
    }
    expect(refused).toEqual([]);
    expect(earliest >= OCCURRED_ON_RANGE.from).toBe(true);
  });
});
