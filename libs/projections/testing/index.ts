export { ReadModelHarness } from './read-model-harness';
