// Test support for @csc/domain, for this library's tests and the end-to-end property tests of the service.
export { caseEventFactory, workerEventFactory, eventIdSequence, type CaseEventFactory, type WorkerEventFactory } from './case-event-factory';
export { given, givenUnchecked, Scenario, Outcome, DEFAULT_TODAY, type Recorded } from './given-when-then';
export { childHistoryArbitrary, arrivalOrderArbitrary, arrivalOrder, buildHistory, type GeneratedHistory } from './child-history-generator';
export { historyChoicesArbitrary, type HistoryChoices } from './history-choices';
export { corruptedVariants, type CorruptedHistory } from './history-corruptions';
export { addDays, dayNumber, dateOfDay } from './calendar-days';
export { deliverHistory, deliverWorkerEvents, type Delivered, type Refusal } from './history-delivery';
export { anyChildEventsArbitrary } from './any-child-events';
