import { EVENT_EXAMPLES, EVENT_TYPES, validateEnvelope } from '@csc/contracts';
import { computeClocks } from '@csc/timescales';
import { busyChild } from '../../libs/timescales/test-support/busy-child';
import { progress, type Figure } from './bench-report';

const SUITE = 'pure: validation and timescales (no IO)';

/** Envelopes of every type, each with its own ids, as a producer would send them. */
function typicalEnvelopes(count: number): unknown[] {
  const texts = EVENT_TYPES.map((type) => JSON.stringify(EVENT_EXAMPLES[type]));
  return Array.from({ length: count }, (_, i) => {
    const envelope = JSON.parse(texts[i % texts.length]) as Record<string, unknown>;
    envelope.eventId = `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;
    if ('childId' in envelope) envelope.childId = `C${100000 + (i % 5000)}`;
    return envelope;
  });
}

function ratePerSecond(count: number, work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

export async function runPureBench(options: { samples: number; scale: number }): Promise<Figure[]> {
  const count = Math.max(1_000, Math.round(20_000 * options.scale));
  const envelopes = typicalEnvelopes(count);
  for (const envelope of envelopes.slice(0, 2_000)) validateEnvelope(envelope);
  const validation: number[] = [];
  const copying: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    validation.push(ratePerSecond(count, () => envelopes.forEach((envelope) => validateEnvelope(envelope))));
    copying.push(ratePerSecond(count, () => envelopes.forEach((envelope) => JSON.parse(JSON.stringify(envelope)))));
  }
  progress(`validateEnvelope: ${Math.round(median(validation)).toLocaleString('en-GB')} envelopes/s`);

  const child = busyChild();
  const runs = Math.max(200, Math.round(2_000 * options.scale));
  for (let i = 0; i < 200; i++) computeClocks(child, { asOf: '2025-06-01' });
  const clocks: number[] = [];
  const sorting: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    clocks.push(
      ratePerSecond(runs, () => {
        for (let run = 0; run < runs; run++) computeClocks(child, { asOf: '2025-06-01' });
      }),
    );
    sorting.push(
      ratePerSecond(runs, () => {
        for (let run = 0; run < runs; run++) [...child].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
      }),
    );
  }
  progress(`computeClocks (a child with ${child.length} events): ${Math.round(median(clocks)).toLocaleString('en-GB')} children/s`);
  return [
    {
      suite: SUITE,
      backend: 'node',
      name: 'validateEnvelope, every event type',
      unit: 'envelopes/s',
      samples: validation,
      baseline: { name: 'JSON round trip of the same envelopes', samples: copying },
    },
    {
      suite: SUITE,
      backend: 'node',
      name: `computeClocks, a child with ${child.length} events`,
      unit: 'children/s',
      samples: clocks,
      baseline: { name: 'sorting the same events by occurredAt', samples: sorting },
    },
  ];
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}
