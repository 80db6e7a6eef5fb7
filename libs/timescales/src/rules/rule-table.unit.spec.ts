import { DEFAULT_LOCAL_STANDARDS } from '../local-standards/local-standards';
import { RULE_TABLE_VERSION, buildRuleTable, findRule } from './rule-table';
import { RULE_IDS } from './timescale-rule';

const table = buildRuleTable(DEFAULT_LOCAL_STANDARDS);

describe('rule table', () => {
  it('has every measure T1-T13 of domain.md, in order, with a version', () => {
    expect(table.map((rule) => rule.id)).toEqual([...RULE_IDS]);
    expect(RULE_TABLE_VERSION).toMatch(/\S/);
  });

  it('gives every rule a name, description, source, events and at least one limit', () => {
    for (const rule of table) {
      expect(rule.name).not.toBe('');
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.source.length).toBeGreaterThan(10);
      expect(rule.startEvents.length).toBeGreaterThan(0);
      expect(rule.stopEvents.length).toBeGreaterThan(0);
      expect(rule.endEvents).toContain('CaseClosed');
      expect(rule.limits.length).toBeGreaterThan(0);
      expect(rule.limit).toEqual(rule.limits[0].limit);
      expect(rule.conventionReason).not.toBe('');
    }
  });

  it('has the limits and statuses domain.md gives', () => {
    const summary = Object.fromEntries(table.map((rule) => [rule.id, [rule.status, rule.limits.map((s) => `${s.limit.amount} ${s.limit.unit}`)]]));
    expect(summary).toEqual({
      T1: ['guidance', ['1 working-days']],
      T2: ['guidance', ['45 working-days']],
      T3: ['guidance', ['15 working-days']],
      T4: ['guidance', ['3 months', '6 months']],
      T5: ['statute', ['20 working-days', '3 months', '6 months']],
      T6: ['statute', ['1 weeks', '6 weeks', '3 months', '6 weeks']],
      T7: ['local', ['10 working-days']],
      T8: ['statute', ['20 working-days']],
      T9: ['statute', ['6 months', '12 months', '6 months']],
      T10: ['guidance', ['72 hours']],
      T11: ['statute', ['10 working-days']],
      T12: ['local', ['28 gestation-week']],
      T13: ['local', ['3 months']],
    });
  });

  it('cites the regulations domain.md names', () => {
    expect(findRule(table, 'T5').source).toContain('regulation 33');
    expect(findRule(table, 'T6').source).toContain('regulation 28');
    expect(findRule(table, 'T9').source).toContain('regulation 7');
    expect(findRule(table, 'T11').source).toContain('regulation 4');
  });

  it('labels both anchors of T2 and T3, and describes each chain', () => {
    expect(findRule(table, 'T2').anchors?.map((a) => a.anchor)).toEqual(['referral', 'assessment-start']);
    expect(findRule(table, 'T3').anchors?.map((a) => a.anchor)).toEqual(['strategy-discussion', 'section47-start']);
    for (const id of ['T4', 'T5', 'T6', 'T7', 'T9', 'T13']) expect(findRule(table, id).chain).toBeDefined();
  });

  it('defaults national rules to the DfE day1 convention, T1 to day0, local rules to the local convention', () => {
    const conventions = Object.fromEntries(table.map((rule) => [rule.id, `${rule.convention}/${rule.conventionSource}`]));
    expect(conventions).toMatchObject({ T1: 'day0/rule-default', T2: 'day1/rule-default', T3: 'day1/rule-default', T5: 'day1/rule-default' });
    expect(conventions).toMatchObject({ T7: 'day0/local-standards', T12: 'day0/local-standards', T13: 'day0/local-standards' });
  });

  it('lets configuration override any rule convention and the local limits', () => {
    const local = buildRuleTable({
      ...DEFAULT_LOCAL_STANDARDS,
      localConvention: 'day1',
      conventionOverrides: { T1: 'day1', T2: 'day0' },
      cpVisitInterval: { amount: 15, unit: 'working-days' },
      preBirthConferenceGestationWeek: 32,
      cinReviewInterval: { amount: 6, unit: 'weeks' },
    });
    expect(findRule(local, 'T1')).toMatchObject({ convention: 'day1', conventionSource: 'override' });
    expect(findRule(local, 'T2')).toMatchObject({ convention: 'day0', conventionSource: 'override' });
    expect(findRule(local, 'T7')).toMatchObject({ convention: 'day1', limit: { amount: 15, unit: 'working-days' } });
    expect(findRule(local, 'T12').limit).toEqual({ amount: 32, unit: 'gestation-week' });
    expect(findRule(local, 'T13').limit).toEqual({ amount: 6, unit: 'weeks' });
  });

  it('names an unknown rule in its error', () => {
    expect(() => findRule(table, 'T14')).toThrow(expect.objectContaining({ code: 'UNKNOWN_RULE', field: 'rule' }));
  });
});
