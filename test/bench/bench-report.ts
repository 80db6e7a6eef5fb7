import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';

/** One figure, measured several times: the report shows its median and spread. */
export interface Figure {
  suite: string;
  backend: string;
  name: string;
  unit: string;
  samples: number[];
  /** A figure from the same run to compare against (e.g. the plain INSERT ceiling). */
  baseline?: { name: string; samples: number[] };
  note?: string;
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** (max - min) / median, as a percentage. */
  spreadPercent: number;
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  return { median, min, max, spreadPercent: median === 0 ? 0 : ((max - min) / median) * 100 };
}

export function describeMachine(): Record<string, string> {
  const cpu = cpus();
  let postgres = 'not measured';
  try {
    postgres = execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // psql is optional: only the PostgreSQL benchmarks need the server, not the client.
  }
  return {
    os: `${osType()} ${release()}`,
    cpu: `${cpu.length} x ${cpu[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB (${Math.round(freemem() / 2 ** 30)} GiB free at start)`,
    node: process.version,
    postgresClient: postgres,
  };
}

const format = (value: number): string => (value >= 100 ? Math.round(value).toLocaleString('en-GB') : value.toFixed(value >= 10 ? 1 : 2));

export function renderMarkdown(title: string, startedAt: Date, machine: Record<string, string>, figures: readonly Figure[]): string {
  const lines = [`# ${title}`, '', `Run on ${startedAt.toISOString()}.`, '', ...Object.entries(machine).map(([key, value]) => `- ${key}: ${value}`), ''];
  const suites = [...new Set(figures.map((figure) => figure.suite))];
  for (const suite of suites) {
    lines.push(
      `## ${suite}`,
      '',
      '| backend | measure | median | spread | baseline | baseline median | ratio | note |',
      '|---|---|---:|---:|---|---:|---:|---|',
    );
    for (const figure of figures.filter((candidate) => candidate.suite === suite)) {
      const own = summarise(figure.samples);
      const base = figure.baseline ? summarise(figure.baseline.samples) : undefined;
      lines.push(
        `| ${figure.backend} | ${figure.name} | ${format(own.median)} ${figure.unit} | ±${own.spreadPercent.toFixed(0)}% | ${figure.baseline?.name ?? ''} | ${base ? format(base.median) : ''} | ${base ? (own.median / base.median).toFixed(2) : ''} | ${figure.note ?? ''} |`,
      );
    }
    lines.push('');
  }
  lines.push(`Each figure is the median of its samples; spread is (max - min) / median. Ratio is median / baseline median, both from this run.`, '');
  return lines.join('\n');
}

/** Writes `<date>-<name>.md` and `.json` under test/bench/results and returns their paths. */
export function writeReport(
  name: string,
  title: string,
  startedAt: Date,
  figures: readonly Figure[],
  directory = join(process.cwd(), 'test', 'bench', 'results'),
): { markdown: string; json: string } {
  mkdirSync(directory, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:]/g, '-').replace(/\..*/, '');
  const machine = describeMachine();
  const markdown = join(directory, `${stamp}-${name}.md`);
  const json = join(directory, `${stamp}-${name}.json`);
  writeFileSync(markdown, renderMarkdown(title, startedAt, machine, figures));
  writeFileSync(
    json,
    JSON.stringify(
      {
        title,
        startedAt: startedAt.toISOString(),
        machine,
        figures: figures.map((figure) => ({
          ...figure,
          summary: summarise(figure.samples),
          baselineSummary: figure.baseline ? summarise(figure.baseline.samples) : undefined,
        })),
      },
      null,
      2,
    ),
  );
  return { markdown, json };
}

/** Progress on stderr, so a report piped from stdout stays clean. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
