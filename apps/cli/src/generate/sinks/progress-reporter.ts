// Progress on stderr: a redrawn bar when stderr is a terminal (events, events/s, simulated date), otherwise a line
// every few seconds, so that logs of a long run stay readable. Wall-clock time here only measures speed.
import { dayOfIsoDate } from '../simulation/simulation-calendar';

export interface ProgressSource {
  readonly simulatedDate: string;
  readonly writingOpeningCaseload?: boolean;
}

export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;

export class ProgressReporter {
  private readonly startedAt: number;
  private lastShownAt: number;
  private readonly firstDay: number;
  private readonly days: number;

  constructor(
    private readonly output: ProgressOutput,
    private readonly source: ProgressSource,
    run: { start: string; years: number },
    private readonly now: () => number = () => performance.now(),
    private readonly everyMs = output.isTTY ? 200 : 5_000,
  ) {
    this.startedAt = this.lastShownAt = now();
    this.firstDay = dayOfIsoDate(run.start);
    this.days = Math.max(1, Math.round(run.years * 365.25));
  }

  /** Called as events flow; shows progress at most every `everyMs`. */
  update(events: number): void {
    if ((events & 4095) !== 0) return;
    const now = this.now();
    if (now - this.lastShownAt < this.everyMs) return;
    this.lastShownAt = now;
    this.show(events, now);
  }

  /** Clears the bar (a terminal) before the summary is printed. */
  finish(): void {
    if (this.output.isTTY) this.output.write('\r\x1b[2K');
  }

  private show(events: number, now: number): void {
    const seconds = (now - this.startedAt) / 1000;
    const rate = Math.round(events / Math.max(seconds, 0.001)).toLocaleString('en-GB');
    const date = this.source.simulatedDate;
    const done = Math.min(1, Math.max(0, (dayOfIsoDate(date) - this.firstDay) / this.days));
    const where = this.source.writingOpeningCaseload ? "writing the open cases' history" : `simulated ${date}`;
    const text = `${events.toLocaleString('en-GB')} events, ${rate}/s, ${where}`;
    if (!this.output.isTTY) {
      this.output.write(`csc generate: ${text} (${Math.round(done * 100)}%)\n`);
      return;
    }
    const filled = Math.round(done * BAR_WIDTH);
    this.output.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.round(done * 100)}% ${text}`);
  }
}
