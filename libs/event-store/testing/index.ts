export { describeEventStoreContract, type EventStoreCapabilities } from './event-store-contract';
export { collectUntil, type Collected } from './subscription-probe';
