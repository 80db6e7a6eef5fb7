import { EventStoreDBClient } from '@eventstore/db-client';
import { EsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store';

export interface OpenEsdbEventStoreOptions extends Omit<EsdbEventStoreOptions, 'client'> {
  /** esdb://host:2113?tls=false for one insecure node; esdb+discover://... for a cluster. */
  connectionString: string;
}

/**
 * Creates the client and the store. The client connects lazily: a server that cannot be reached
 * shows up in `health()` and as EventStoreUnavailable, not here. A malformed connection string is
 * refused here, so a bad setting stops the service at start-up.
 */
export async function openEsdbEventStore({ connectionString, ...options }: OpenEsdbEventStoreOptions): Promise<EsdbEventStore> {
  if (!/^esdb(\+discover)?:\/\//.test(connectionString ?? '')) {
    throw new Error(
      `EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (e.g. esdb://localhost:2113?tls=false); got ${JSON.stringify(redact(connectionString))}`,
    );
  }
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    throw new Error(`EVENTSTORE_CONNECTION_STRING ${redact(connectionString)} is not a valid EventStoreDB connection string: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return new EsdbEventStore({ ...options, client });
}

/** The connection string without its credentials, for messages. */
function redact(connectionString: string | undefined): string {
  return String(connectionString ?? '').replace(/\/\/[^@/]*@/, '//***@');
}
