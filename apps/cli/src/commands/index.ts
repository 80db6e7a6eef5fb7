import type { Command } from 'commander';
import { registerImportCommand } from './import.command';
import { registerExportCommand } from './export.command';
import { registerProjectionsCommands } from './projections.command';
import { registerReplayCommand } from './replay.command';
import { registerRetentionCommands } from './retention.command';
import { registerTimescalesCommands } from './timescales.command';
import { registerTokenCommand } from './token.command';
import { registerVerifyCommand } from './verify.command';
import { registerGenerateCommand } from '../generate/generate.command';

/** Every command of the CLI; each lives in its own file and adds itself to the program. */
export function registerCommands(program: Command): void {
  registerTimescalesCommands(program);
  registerGenerateCommand(program);
  registerProjectionsCommands(program);
  registerTokenCommand(program);
  registerReplayCommand(program);
  registerVerifyCommand(program);
  registerRetentionCommands(program);
  registerImportCommand(program);
  registerExportCommand(program);
}
