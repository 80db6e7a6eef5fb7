export { describeWith, externalService, type ExternalService, type ExternalServiceName } from './external-services';
export { describeForEachDatabase, openEventStoreForSuite, type SuiteEventStore } from './databases';
