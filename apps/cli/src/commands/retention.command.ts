import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { isCalendarDate } from '@csc/contracts';
import { RecordRetention, RetentionError, loadRetentionSchedule, type DestructionOutcome, type RetentionReview } from '@csc/retention';
import { loadConfiguration, systemClock } from '@csc/runtime';
import { CliError } from '../cli-error';
import { assertChildId, withEventStore } from './replay.command';

interface ServiceOptions {
  to?: string;
  token?: string;
  json?: boolean;
}

/**
 * `csc retention due|destroy|hold|release`: the retention schedule, run on the store the settings name, or
 * through a running service with --to (needed with the embedded database, which the service holds).
 */
export function registerRetentionCommands(program: Command): void {
  const retention = program
    .command('retention')
    .description(
      'Records kept as long as the retention schedule (CSC_RETENTION_SCHEDULE) says: which are due, destroying them, and legal holds. ' +
        'Runs on the store the settings name, or through a running service with --to URL --token T (admin).',
    );
  const withService = (command: Command): Command =>
    command
      .option('--to <url>', 'ask the service at this address (e.g. http://127.0.0.1:3000)')
      .option('--token <token>', 'bearer token with the admin role (default: CSC_TOKEN)')
      .option('--json', 'print the answer as JSON');

  withService(retention.command('due').description('Which records reach the end of retention by a date, under which rule, and which are held'))
    .requiredOption('--as-of <date>', 'the day to judge on (YYYY-MM-DD)')
    .action(async (options: ServiceOptions & { asOf: string }) => {
      assertDate(options.asOf);
      const review = options.to
        ? ((await callService(options, 'GET', `/v1/admin/retention/due?asOf=${options.asOf}`)) as RetentionReview)
        : await here((retention) => retention.review(options.asOf));
      print(options, review, renderReview(review));
    });

  withService(
    retention
      .command('destroy')
      .description('Destroy every record past retention on a date and not held: keys, read-model rows; ChildRecordDestroyed is published'),
  )
    .requiredOption('--as-of <date>', 'the day to judge on (YYYY-MM-DD)')
    .option('--confirm', 'required: destruction cannot be undone')
    .action(async (options: ServiceOptions & { asOf: string; confirm?: boolean }) => {
      assertDate(options.asOf);
      if (!options.confirm) throw new CliError('Destruction cannot be undone: run csc retention due first, then add --confirm');
      const outcomes = options.to
        ? ((await callService(options, 'POST', '/v1/admin/retention/destroy', { asOf: options.asOf, confirm: true })) as { outcomes: DestructionOutcome[] })
            .outcomes
        : (await here((retention) => retention.destroyDue(options.asOf, cliSubject()))).outcomes;
      const lines = outcomes.map((outcome) => `${outcome.childId}: ${outcome.status}${outcome.status === 'held' ? ` (${outcome.hold.reason})` : ''}`);
      print(options, { asOf: options.asOf, outcomes }, [...lines, `${outcomes.filter((outcome) => outcome.status === 'destroyed').length} records destroyed.`]);
    });

  for (const [name, verb] of [
    ['hold', 'Place a legal hold on a child’s record: it is never destroyed while it holds'],
    ['release', 'Release the legal hold on a child’s record'],
  ] as const) {
    withService(retention.command(name).description(verb))
      .argument('<childId>', "the local authority's child id")
      .requiredOption('--reason <text>', "why, in words (an inquiry's name, an order's reference); no personal data")
      .action(async (childId: string, options: ServiceOptions & { reason: string }) => {
        assertChildId(childId);
        if (options.reason.trim().length === 0 || options.reason.length > 500) throw new CliError('--reason must be 1 to 500 characters');
        if (options.to) {
          await callService(options, name === 'hold' ? 'PUT' : 'DELETE', `/v1/admin/retention/holds/${encodeURIComponent(childId)}`, {
            reason: options.reason,
          });
        } else {
          await here(async (retention) => {
            try {
              if (name === 'hold') await retention.placeHold(childId, options.reason, cliSubject());
              else await retention.releaseHold(childId, options.reason, cliSubject());
            } catch (error) {
              if (error instanceof RetentionError) throw new CliError(`${error.code}: ${error.message}`, 1);
              throw error;
            }
          });
        }
        process.stdout.write(`${name === 'hold' ? 'Held' : 'Released'}: ${childId}\n`);
      });
  }
}

/** The person running the command line, as the events record them. */
function cliSubject(): string {
  return `cli:${userInfo().username}`;
}

function assertDate(value: string): void {
  if (!isCalendarDate(value)) throw new CliError(`--as-of must be a date YYYY-MM-DD; got ${JSON.stringify(value)}`);
}

async function here<T>(use: (retention: RecordRetention) => Promise<T>): Promise<T> {
  const { schedule } = loadRetentionSchedule(loadConfiguration(process.env).retention.scheduleFile);
  let result: T | undefined;
  await withEventStore('retention', async (store, storage) => {
    if (!storage.childKeys) throw new CliError('The storage was opened without the children’s keys', 1);
    result = await use(new RecordRetention({ store, keys: storage.childKeys, schedule, now: () => systemClock.now() }));
  });
  return result as T;
}

async function callService(options: ServiceOptions, method: string, path: string, body?: object): Promise<unknown> {
  const token = options.token ?? process.env.CSC_TOKEN;
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) };
  const response = await fetch(`${options.to!.replace(/\/$/, '')}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) }).catch(
    (error: Error) => {
      throw new CliError(`Could not reach the service at ${options.to}: ${error.message}`, 1);
    },
  );
  const text = await response.text();
  if (!response.ok) throw new CliError(`The service refused (${response.status}): ${text}`, 1);
  return text ? JSON.parse(text) : undefined;
}

function renderReview(review: RetentionReview): string[] {
  const line = (record: RetentionReview['due'][number]) =>
    `  ${record.childId}: retained until ${record.retainUntil} under ${record.decidedBy.kind} (${record.decidedBy.source})${record.hold ? `; held: ${record.hold.reason}, by ${record.hold.placedBy}` : ''}`;
  return [
    `As of ${review.asOf}: ${review.due.length} due for destruction, ${review.held.length} past retention but held, ${review.kept} kept, ${review.destroyedBefore} destroyed before.`,
    ...(review.due.length > 0 ? ['Due:', ...review.due.map(line)] : []),
    ...(review.held.length > 0 ? ['Held:', ...review.held.map(line)] : []),
    ...(review.unfinished.length > 0 ? [`Unfinished destructions (destroy completes them): ${review.unfinished.join(', ')}`] : []),
  ];
}

function print(options: ServiceOptions, value: unknown, lines: string[]): void {
  process.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${lines.join('\n')}\n`);
}
