import { describeEventStoreContract } from '@csc/event-store/testing';
import { describeWith } from '@csc/test-support';
import { openEsdbEventStore } from './open-esdb-event-store';

describeWith('eventstoredb', 'EventStoreDB event store', ({ value: connectionString }) => {
  // EventStoreDB keeps no index over every event id, so an id reused in another stream goes unseen.
  describeEventStoreContract('EventStoreDB', () => openEsdbEventStore({ connectionString }), { detectsEventIdReuseAcrossStreams: false });
});
