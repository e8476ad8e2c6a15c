import { describeEventStoreContract } from './event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

// Needs a running EventStoreDB/KurrentDB, e.g. EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false.
// The server keeps data between runs: the suite uses fresh stream names and filters the global log by them.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

describeEventStoreContract(
  'EventStoreDB',
  async () => {
    const store = new EventStoreDbEventStore(connectionString!);
    return {
      store,
      openAnother: async () => new EventStoreDbEventStore(connectionString!),
      teardown: () => store.close(),
    };
  },
  Boolean(connectionString),
);
