import { PassThrough, Writable } from 'node:stream';
import { countyConfig } from '../config/county-config';
import { CountySimulation } from '../simulation/county-simulation';
import { writeNdjson } from './ndjson-sink';

describe('the NDJSON sink', () => {
  const config = countyConfig('county', { referralsPerYear: 300, workers: 15, years: 1, seed: 3 });

  it('writes one envelope a line, in emission order, waiting while a slow reader drains', async () => {
    const emissions = [...new CountySimulation(config)];
    const chunks: string[] = [];
    let waits = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        waits += 1;
        setTimeout(done, 1);
      },
    });
    const written = await writeNdjson(emissions, slow);
    const lines = chunks.join('').split('\n').filter(Boolean);
    expect(written).toBe(emissions.length);
    expect(lines.map((line) => JSON.parse(line).eventId)).toEqual(emissions.map(({ event }) => event.eventId));
    expect(waits).toBeGreaterThan(1);
  });

  it('stops quietly when the reader goes away (csc generate | head)', async () => {
    const output = new PassThrough();
    output.on('data', () => {
      const error = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      output.destroy(error);
    });
    await expect(writeNdjson(new CountySimulation(config), output)).resolves.toBeGreaterThan(0);
  });
});
