import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandBusSink } from './command-bus.sink';
import { MessagingLifecycle } from './messaging.lifecycle';

/** Kafka: every recorded event published; inbound events consumed through the ingest command. */
@Module({
  imports: [CqrsModule],
  providers: [CommandBusSink, MessagingLifecycle],
  exports: [MessagingLifecycle],
})
export class MessagingModule {}
