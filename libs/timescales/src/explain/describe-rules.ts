import { DEFAULT_LOCAL_STANDARDS, type LocalStandards } from '../local-standards/local-standards';
import { describeLimit } from '../rules/limit';
import { RULE_TABLE_VERSION, buildRuleTable } from '../rules/rule-table';
import type { TimescaleRule } from '../rules/timescale-rule';

function summaryRow(rule: TimescaleRule): string {
  const limits = rule.limits.map((step) => describeLimit(step.limit));
  const limit = [...new Set(limits)].join(' / ');
  return `${rule.id.padEnd(4)} ${rule.name.padEnd(37)} ${limit.padEnd(38)} ${rule.status.padEnd(9)} ${rule.convention}`;
}

function details(rule: TimescaleRule): string[] {
  return [
    `${rule.id} ${rule.name} [${rule.status}]`,
    `  ${rule.description}`,
    `  Source: ${rule.source}`,
    `  Starts: ${rule.startsWhen} (${rule.startEvents.join(', ')})`,
    ...(rule.anchors ?? []).map((anchor) => `    anchor ${anchor.anchor}: ${anchor.from}`),
    `  Stops: ${rule.stopsWhen} (${rule.stopEvents.join(', ')})`,
    `  Stops being due: ${rule.endsWhen}`,
    ...rule.limits.map((step) => `  Limit ${step.id}: ${describeLimit(step.limit)}, ${step.appliesTo}`),
    ...(rule.chain ? [`  Chain: ${rule.chain}`] : []),
    `  Convention: ${rule.convention} [${rule.conventionSource}]: ${rule.conventionReason}`,
  ];
}

/** The rule table as text (`csc timescales rules`): a summary table, then each rule in full. */
export function describeRules(standards: LocalStandards = DEFAULT_LOCAL_STANDARDS): string {
  const table = buildRuleTable(standards);
  const header = `${'id'.padEnd(4)} ${'measure'.padEnd(37)} ${'limit'.padEnd(38)} ${'status'.padEnd(9)} convention`;
  return [
    `Timescale rules ${RULE_TABLE_VERSION} (local standards ${standards.version})`,
    '',
    header,
    '-'.repeat(header.length),
    ...table.map(summaryRow),
    '',
    ...table.flatMap((rule) => [...details(rule), '']),
  ].join('\n');
}
