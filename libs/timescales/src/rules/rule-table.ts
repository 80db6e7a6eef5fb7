import type { LocalStandards } from '../local-standards/local-standards';
import { TimescaleError } from '../timescale-error';
import { LOCAL_CONVENTION_REASON } from './rule-wording';
import { type RuleRow, ruleRows } from './rule-rows';
import { type RuleId, type TimescaleRule, isRuleId } from './timescale-rule';

/** Bumped whenever a rule's limit, events or counting changes; recorded on every clock. */
export const RULE_TABLE_VERSION = '2026.1';

function withConvention(row: RuleRow, standards: LocalStandards): TimescaleRule {
  const { defaultConvention, ...rule } = row;
  const override = standards.conventionOverrides[row.id];
  const resolved =
    override !== undefined
      ? { convention: override, conventionSource: 'override' as const, conventionReason: 'set for this rule in the local standards (conventionOverrides)' }
      : defaultConvention === 'local'
        ? { convention: standards.localConvention, conventionSource: 'local-standards' as const, conventionReason: LOCAL_CONVENTION_REASON }
        : { convention: defaultConvention.convention, conventionSource: 'rule-default' as const, conventionReason: defaultConvention.reason };
  return { ...rule, limit: rule.limits[0].limit, ...resolved };
}

// Standards objects are long-lived (loaded once at start-up), so each table is built once.
const tables = new WeakMap<LocalStandards, readonly TimescaleRule[]>();

/** The rule table T1-T13 as data, with the local standards' limits and conventions applied. */
export function buildRuleTable(standards: LocalStandards): readonly TimescaleRule[] {
  const cached = tables.get(standards);
  if (cached) return cached;
  const table = Object.freeze(ruleRows(standards).map((row) => Object.freeze(withConvention(row, standards))));
  tables.set(standards, table);
  return table;
}

const maps = new WeakMap<LocalStandards, ReadonlyMap<RuleId, TimescaleRule>>();

/** The same table keyed by rule id. */
export function ruleMap(standards: LocalStandards): ReadonlyMap<RuleId, TimescaleRule> {
  let map = maps.get(standards);
  if (!map) {
    map = new Map(buildRuleTable(standards).map((rule) => [rule.id, rule]));
    maps.set(standards, map);
  }
  return map;
}

export function findRule(table: readonly TimescaleRule[], id: string): TimescaleRule {
  const rule = isRuleId(id) ? table.find((candidate) => candidate.id === id) : undefined;
  if (!rule) throw new TimescaleError('UNKNOWN_RULE', `No timescale rule ${JSON.stringify(id)}: the rules are T1 to T13`, 'rule');
  return rule;
}
