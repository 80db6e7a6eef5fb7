import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CaseEventSink, SinkResult } from '@csc/messaging';
import { RecordCaseEvents } from '../ingest/record-events/record-events.command';

/** Inbound Kafka events take the same command path as POST /v1/events. */
@Injectable()
export class CommandBusSink implements CaseEventSink {
  private recordedBy = 'kafka';

  constructor(private readonly commandBus: CommandBus) {}

  /** Records who sent the events: the consumer group, since Kafka carries no user. */
  as(consumerGroup: string): this {
    this.recordedBy = `kafka:${consumerGroup}`;
    return this;
  }

  async record(envelopes: readonly unknown[]): Promise<SinkResult[]> {
    const outcome = await this.commandBus.execute(new RecordCaseEvents(envelopes, 'kafka', this.recordedBy));
    return outcome.results.map((result) => (result.status === 'rejected' ? { status: 'rejected', error: result.error } : { status: result.status }));
  }
}
