import { ProgressReporter } from './progress-reporter';
import { renderRunSummary } from './run-summary';
import { RunTally } from './run-tally';

function output(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('progress on stderr', () => {
  const source = { simulatedDate: '2024-10-01' };
  const run = { start: '2024-04-01', years: 1 };

  it('redraws a bar on a terminal: events, events/s and the simulated date', () => {
    let now = 0;
    const terminal = output(true);
    const progress = new ProgressReporter(terminal, source, run, () => now);
    now = 2_000;
    progress.update(8_192);
    expect(terminal.written).toEqual([`\r\x1b[2K[############------------] 50% 8,192 events, 4,096/s, simulated 2024-10-01`]);
    progress.finish();
    expect(terminal.written.at(-1)).toBe('\r\x1b[2K');
  });

  it('writes a line every few seconds otherwise, and says when it is writing the opening history', () => {
    let now = 0;
    const log = output(false);
    const progress = new ProgressReporter(log, { ...source, writingOpeningCaseload: true }, run, () => now);
    now = 1_000;
    progress.update(4_096);
    expect(log.written).toEqual([]);
    now = 6_000;
    progress.update(8_192);
    expect(log.written).toEqual([`csc generate: 8,192 events, 1,365/s, writing the open cases' history (50%)\n`]);
  });
});

describe('the closing summary', () => {
  it('gives events by type, children, workers, duration, rate and where the events went', () => {
    const tally = new RunTally('2024-04-01');
    const event = (type: string, occurredAt: string) => ({ event: { type, occurredAt } as never, resent: false });
    const emissions = [
      event('ReferralReceived', '2024-03-01'),
      event('ReferralReceived', '2024-04-02'),
      { ...event('CaseClosed', '2024-04-03'), resent: true },
    ];
    expect([...tally.count(emissions)]).toHaveLength(3);
    const summary = renderRunSummary({ tally, children: 2, workers: 1, seconds: 2, destination: 'Written to stdout as NDJSON.' });
    expect(summary).toContain('Generated 3 events in 2.0 s: 2 events/s.');
    expect(summary).toContain('1 of them the history of the cases open at the start (dated before it); 1 deliberate duplicates.');
    expect(summary).toContain('Children: 2. Workers: 1.');
    expect(summary).toMatch(/ReferralReceived\s+2\n/);
  });
});
