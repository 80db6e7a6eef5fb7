import { createHash } from 'node:crypto';
import type { IHeaders } from 'kafkajs';

export const ALERT_TYPES = { 'due-soon': 'ClockDueSoon', overdue: 'ClockOverdue', met: 'ClockMet', late: 'ClockMetLate' } as const;
export type AlertedState = keyof typeof ALERT_TYPES;

/** The value of a message on csc.timescale-alerts.v1 (JSON; documented in the README and as a JSON Schema). */
export interface TimescaleAlert {
  /** Deterministic for a clock and state: consumers deduplicate by it. */
  alertId: string;
  type: (typeof ALERT_TYPES)[AlertedState];
  childId: string;
  rule: string;
  anchor: string | null;
  subjectId: string;
  startedOn: string;
  dueOn: string;
  stoppedOn: string | null;
  state: AlertedState;
  /** The team and worker holding the case when the clock fell due (or stopped). */
  teamId: string | null;
  workerId: string | null;
  /** The date the state was judged on. */
  asOf: string;
  ruleVersion: string;
  calendarVersion: string;
  standardsVersion: string;
}

export function alertId(childId: string, clockKey: string, state: AlertedState): string {
  const hex = createHash('sha1').update(`${childId}\n${clockKey}\n${state}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Keyed by child, so a child's alerts stay in order. */
export function toAlertMessage(alert: TimescaleAlert): { key: string; value: string; headers: IHeaders } {
  return { key: alert.childId, value: JSON.stringify(alert), headers: { 'csc-alert-id': alert.alertId, 'csc-alert-type': alert.type, 'csc-rule': alert.rule } };
}
