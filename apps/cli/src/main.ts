#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';
import { CliError } from './cli-error';

/** `csc`: the one command-line tool of the case tracker. */
async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('csc')
    .description("Children's social care case tracker: timescales, synthetic data, replay, verification, rebuilds and tokens.")
    .showHelpAfterError('(run csc --help for the commands)')
    .exitOverride();
  registerCommands(program);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError) {
      process.stderr.write(`csc: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`csc: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
