import type { Command } from 'commander';
import { buildRuleTable, describeRules, explainDueDate, isCountingConvention, isRuleId, renderDueDateExplanation, TimescaleError } from '@csc/timescales';
import { loadLocalStandards } from '@csc/runtime';
import { CliError } from '../cli-error';

/** `csc timescales rules` and `csc timescales due`: the rule table and worked due dates, for people. */
export function registerTimescalesCommands(program: Command): void {
  const timescales = program.command('timescales').description('The statutory and local timescales (T1-T13) and how due dates are worked out');

  timescales
    .command('rules')
    .description('Print every rule: what starts and stops its clock, its limit, status, source and counting convention')
    .option('--json', 'print the rule table as JSON')
    .option('--standards <file>', 'local standards JSON (default: CSC_LOCAL_STANDARDS, else the documented defaults)')
    .action((options: { json?: boolean; standards?: string }) => {
      const { standards } = standardsFrom(options.standards);
      process.stdout.write(options.json ? `${JSON.stringify(buildRuleTable(standards), null, 2)}\n` : `${describeRules(standards)}\n`);
    });

  timescales
    .command('due')
    .description('Work out a due date and show the working: which days counted and which were skipped, and why')
    .requiredOption('--rule <id>', 'rule id, T1 to T13')
    .requiredOption('--from <date>', 'when the clock starts: YYYY-MM-DD, or a timestamp for the 72-hour rule')
    .option('--convention <name>', 'day1 (the start day is day 1, as the DfE counts) or day0 (the start day is day 0)')
    .option('--step <id>', 'for chained rules, which limit (e.g. the first review, or later ones)')
    .option('--standards <file>', 'local standards JSON (default: CSC_LOCAL_STANDARDS, else the documented defaults)')
    .option('--json', 'print the explanation as JSON')
    .action((options: { rule: string; from: string; convention?: string; step?: string; standards?: string; json?: boolean }) => {
      if (!isRuleId(options.rule)) throw new CliError(`--rule must be one of T1 to T13; got ${JSON.stringify(options.rule)}`);
      if (options.convention !== undefined && !isCountingConvention(options.convention)) {
        throw new CliError(`--convention must be day1 or day0; got ${JSON.stringify(options.convention)}`);
      }
      const { standards } = standardsFrom(options.standards);
      try {
        const explanation = explainDueDate({ rule: options.rule, from: options.from, convention: options.convention, step: options.step, standards });
        process.stdout.write(options.json ? `${JSON.stringify(explanation, null, 2)}\n` : `${renderDueDateExplanation(explanation)}\n`);
      } catch (error) {
        if (error instanceof TimescaleError) throw new CliError(`${error.field ? `--${error.field}: ` : ''}${error.message}`);
        throw error;
      }
    });
}

function standardsFrom(file: string | undefined) {
  try {
    return loadLocalStandards(file ?? process.env.CSC_LOCAL_STANDARDS);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
