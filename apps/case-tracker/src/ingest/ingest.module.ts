import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseRules } from './record-events/case-rules';
import { RecordCaseEventsHandler } from './record-events/record-events.handler';
import { RecordEventsHttpController } from './record-events/record-events.http.controller';
import { StreamRecorder } from './record-events/stream-recorder';
import { ReadChildEventsHandler } from './read-child-events/read-child-events.handler';
import { ReadChildEventsHttpController } from './read-child-events/read-child-events.http.controller';

const controllers = [RecordEventsHttpController, ReadChildEventsHttpController];
const commandHandlers = [RecordCaseEventsHandler];
const queryHandlers = [ReadChildEventsHandler];
const services = [StreamRecorder, CaseRules];

/** The write side: case events in over HTTP (and, through the same command, Kafka), and read back. */
@Module({
  imports: [CqrsModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, ...services],
  exports: [StreamRecorder],
})
export class IngestModule {}
