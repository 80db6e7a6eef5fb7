import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { occurredOnDate } from '@csc/contracts';
import { EVENT_STORE, type EventStore } from '@csc/event-store';
import type { RecordRetention } from '@csc/retention';
import { runImport, type ImportReport } from '@csc/returns';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../infrastructure/tokens';
import { RECORD_RETENTION } from '../../retention/retention.tokens';
import { ImportReturn } from './import-return.command';

/** The same pipeline as `csc import` without --to: the contract, the deciders, multi-stream appends. */
@CommandHandler(ImportReturn)
export class ImportReturnHandler implements ICommandHandler<ImportReturn> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RECORD_RETENTION) private readonly retention: RecordRetention,
  ) {}

  async execute(command: ImportReturn): Promise<ImportReport> {
    return runImport(command.format, [{ name: command.file, open: () => command.body }], {
      store: this.store,
      today: occurredOnDate(this.clock.now().toISOString()),
      recordedBy: command.recordedBy,
      authority: command.authority,
      retention: this.retention,
      team: command.team,
    });
  }
}
