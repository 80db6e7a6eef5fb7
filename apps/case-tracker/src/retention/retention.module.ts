import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@csc/event-store';
import { CHILD_KEY_STORE, RecordRetention, loadRetentionSchedule, type ChildKeyStore } from '@csc/retention';
import { CONFIGURATION, type Clock, type Configuration, type Logger } from '@csc/runtime';
import { CLOCK, LOGGER } from '../infrastructure/tokens';
import { ReadModelsModule } from '../read-models/read-models.module';
import { RetentionAdminHttpController } from './retention-admin.http.controller';
import { SubjectAccessHttpController } from './subject-access.http.controller';
import { RECORD_RETENTION } from './retention.tokens';

function recordRetention(config: Configuration, store: EventStore, keys: ChildKeyStore | null, clock: Clock, logger: Logger): RecordRetention {
  if (!keys) throw new Error('The storage was opened without the children’s key table (encryptStorage): retention cannot run');
  const { schedule, source } = loadRetentionSchedule(config.retention.scheduleFile);
  logger.info({ source, schedule }, 'retention schedule loaded');
  return new RecordRetention({ store, keys, schedule, now: () => clock.now() });
}

/** Retention: the schedule, legal holds and destruction of records past retention (admin), and subject access (auditor). */
@Module({
  imports: [ReadModelsModule],
  controllers: [RetentionAdminHttpController, SubjectAccessHttpController],
  providers: [{ provide: RECORD_RETENTION, useFactory: recordRetention, inject: [CONFIGURATION, EVENT_STORE, CHILD_KEY_STORE, CLOCK, LOGGER] }],
  exports: [RECORD_RETENTION],
})
export class RetentionModule {}
