import type { IHeaders, KafkaMessage } from 'kafkajs';

export const DEAD_LETTER_HEADERS = {
  code: 'csc-error-code',
  message: 'csc-error-message',
  field: 'csc-error-field',
  topic: 'csc-original-topic',
  partition: 'csc-original-partition',
  offset: 'csc-original-offset',
} as const;

export interface DeadLetter {
  message: KafkaMessage;
  error: { code: string; message: string; field?: string };
}

/** The dead-letter copy of a message: the original key, value and headers unchanged, plus why and where from. */
export function toDeadLetterMessage(
  topic: string,
  partition: number,
  { message, error }: DeadLetter,
): { key: Buffer | null; value: Buffer | null; headers: IHeaders } {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...(message.headers ?? {}),
      [DEAD_LETTER_HEADERS.code]: error.code,
      [DEAD_LETTER_HEADERS.message]: error.message,
      ...(error.field ? { [DEAD_LETTER_HEADERS.field]: error.field } : {}),
      [DEAD_LETTER_HEADERS.topic]: topic,
      [DEAD_LETTER_HEADERS.partition]: String(partition),
      [DEAD_LETTER_HEADERS.offset]: message.offset,
    },
  };
}
