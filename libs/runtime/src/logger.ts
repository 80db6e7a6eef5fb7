import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON line per log record on stdout, with the service name on every record. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'csc-case-tracker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['*.password', '*.connectionString', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
