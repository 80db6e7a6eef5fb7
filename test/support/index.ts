export { describeWith, externalService, type ExternalService, type ExternalServiceName } from './external-services';
export { describeForEachDatabase } from './databases';
