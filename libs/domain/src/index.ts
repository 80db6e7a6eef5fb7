// @csc/domain: pure deciders for a child's case and for a social worker, with a closed set of named errors.
export { DOMAIN_ERROR_CODES, DOMAIN_ERROR_MEANINGS, type DomainError, type DomainErrorCode, type DomainDecision } from './domain-error';
export type { Decider } from './decider';
export type { DatedEntry } from './timeline/dated-timeline';

export { initialChildCaseState, evolveChildCase, caseFactsOf, type ChildCaseState, type RetractionRecord } from './child-case/child-case-state';
export { decideChildEvent, workersNamedBy, childCaseDecider, type DecisionContext } from './child-case/child-case-decider';
export type * from './child-case/case-facts';
export {
  CASE_STATUSES,
  caseStatus,
  currentAllocation,
  allocationHistory,
  workersAllocatedBetween,
  openPlans,
  plansOf,
  currentPeriodOfCare,
  isLookedAfter,
  periodsOfCare,
  isCaseOpen,
  acceptedEvents,
  type CaseStatus,
} from './child-case/case-queries';
export { describeChildCase, type ChildCaseSummary, type VisitSummary } from './child-case/describe-child-case';

export {
  initialWorkerState,
  evolveWorker,
  employmentOn,
  isWorkerInPost,
  workerDetailsOn,
  isKnownWorker,
  type WorkerState,
  type WorkerEmployment,
  type WorkerDetails,
  type WorkerDetailsFrom,
} from './worker/worker-state';
export { decideWorkerEvent, workerDecider, type WorkerDecisionContext } from './worker/worker-decider';
