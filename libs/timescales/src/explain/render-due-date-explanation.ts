import { parseIsoDate } from '../calendar/calendar-date';
import { describeLimit } from '../rules/limit';
import { longDate } from './date-text';
import type { DueDateExplanation } from './explain-due-date';

function dayLine(day: DueDateExplanation['working'][number]): string {
  const number = day.dayNumber === undefined ? '-' : `day ${day.dayNumber}`;
  return `  ${longDate(parseIsoDate(day.date)).padEnd(16)} ${number.padEnd(7)} ${day.note ?? ''}`.trimEnd();
}

/** The explanation as text for a terminal or a letter: the answer first, then the working. */
export function renderDueDateExplanation(explanation: DueDateExplanation): string {
  const conventionNote = explanation.conventionApplies ? '' : ' (no effect on this limit)';
  const lines = [
    `${explanation.rule} ${explanation.ruleName}: ${describeLimit(explanation.step.limit)} (${explanation.step.id}: ${explanation.step.appliesTo})`,
    `From:       ${longDate(parseIsoDate(explanation.from))}${explanation.fromAt ? ` (${explanation.fromAt})` : ''}`,
    `Due:        ${longDate(parseIsoDate(explanation.dueOn))}${explanation.dueAt ? ` (${explanation.dueAt})` : ''}`,
    `Convention: ${explanation.convention} [${explanation.conventionSource}]${conventionNote}`,
    '',
    ...explanation.method,
  ];
  if (explanation.working.length > 0) lines.push('', 'Day by day:', ...explanation.working.map(dayLine));
  lines.push(
    '',
    `Rule table ${explanation.ruleVersion}; bank holiday calendar ${explanation.calendarVersion}; local standards ${explanation.standardsVersion}`,
  );
  return lines.join('\n');
}
