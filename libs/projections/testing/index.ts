export { ReadModelHarness } from './read-model-harness';
export { describeWithHarness } from './describe-with-harness';
