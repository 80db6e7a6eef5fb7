import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-process';

describe('csc timescales', () => {
  it('works out the DfE example: an assessment referred on 30/01/2023 is due on 31/03/2023', () => {
    const result = runCli(['timescales', 'due', '--rule', 'T2', '--from', '2023-01-30', '--json']);
    expect(result.code).toBe(0);
    const explanation = JSON.parse(result.stdout);
    expect(explanation).toMatchObject({ rule: 'T2', from: '2023-01-30', dueOn: '2023-03-31', convention: 'day1' });
    expect(explanation.ruleVersion).toEqual(expect.any(String));
    expect(explanation.calendarVersion).toEqual(expect.any(String));
  });

  it('shows the working in text, naming the bank holidays it skipped', () => {
    const result = runCli(['timescales', 'due', '--rule', 'T1', '--from', '2022-06-01']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Due:\s+Mon 6 Jun 2022/);
    expect(result.stdout).toMatch(/Thu 2 Jun 2022.*bank holiday/i);
  });

  it('prints the rule table with the local standards from a file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'csc-standards-'));
    const file = join(directory, 'standards.json');
    const example = JSON.parse(readFileSync(join(__dirname, '../../libs/timescales/config/local-standards.example.json'), 'utf8'));
    writeFileSync(file, JSON.stringify({ ...example, version: 'every-15-working-days', cpVisitInterval: { amount: 15, unit: 'working-days' } }));
    const result = runCli(['timescales', 'rules', '--json', '--standards', file]);
    expect(result.code).toBe(0);
    const t7 = (JSON.parse(result.stdout) as Array<{ id: string; limits: Array<{ limit: { amount: number } }> }>).find((rule) => rule.id === 'T7');
    expect(t7?.limits[0].limit.amount).toBe(15);
  });

  it('refuses a bad argument with one line saying what is allowed', () => {
    const result = runCli(['timescales', 'due', '--rule', 'T99', '--from', '2024-01-01']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('csc: --rule must be one of T1 to T13; got "T99"');
  });
});

describe('csc timescales with a bad standards file', () => {
  it('lists every bad setting and exits 2', () => {
    const directory = mkdtempSync(join(tmpdir(), 'csc-standards-'));
    const file = join(directory, 'standards.json');
    writeFileSync(file, JSON.stringify({ cpVisitInterval: { amount: -1, unit: 'fortnights' } }));
    const result = runCli(['timescales', 'rules', '--standards', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cpVisitInterval/);
  });
});
