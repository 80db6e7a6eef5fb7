import type { AllocationFact } from '@csc/domain';

/** The allocation in force at the end of a date: started on or before it, not ended by then. */
export function allocationOn(allocations: readonly AllocationFact[], date: string): AllocationFact | undefined {
  for (let index = allocations.length - 1; index >= 0; index -= 1) {
    const allocation = allocations[index];
    if (allocation.on <= date && (allocation.end === undefined || allocation.end.on > date)) return allocation;
  }
  return undefined;
}
