import { DEFAULT_LOCAL_STANDARDS, type LocalStandards } from '../local-standards/local-standards';
import { explainDueDate } from './explain-due-date';

// Every expected date below was worked by hand from a printed calendar (python3 -m calendar) and the GOV.UK
// England and Wales bank holiday list, not by running this library. WD = working day; BH = bank holiday.

interface Case {
  readonly rule: string;
  readonly from: string;
  readonly convention?: 'day1' | 'day0';
  readonly step?: string;
  readonly standards?: Partial<LocalStandards>;
  readonly due: string;
}

const CASES: Case[] = [
  // --- T1 referral decision, 1 WD ---
  // Fri 24 Dec 2021, day0: Sat, Sun, Mon 27 BH (Christmas sub), Tue 28 BH (Boxing sub), Wed 29 is day 1.
  { rule: 'T1', from: '2021-12-24', due: '2021-12-29' },
  // Fri 24 Dec 2021, day1: the start day is a WD, so it is day 1 and the limit is reached that day.
  { rule: 'T1', from: '2021-12-24', convention: 'day1', due: '2021-12-24' },
  // Fri 31 Dec 2021, day0: Sat 1 Jan, Sun 2, Mon 3 BH (New Year sub), Tue 4 Jan is day 1.
  { rule: 'T1', from: '2021-12-31', due: '2022-01-04' },
  // Thu 28 Mar 2024, day0: Fri 29 Good Friday, Sat, Sun, Mon 1 Apr Easter Monday, Tue 2 Apr is day 1.
  { rule: 'T1', from: '2024-03-28', due: '2024-04-02' },
  // Sat 30 Mar 2024 (weekend start), day0: Sun, Mon 1 Apr BH, Tue 2 Apr is day 1.
  { rule: 'T1', from: '2024-03-30', due: '2024-04-02' },
  // Sat 30 Mar 2024, day1: a Saturday cannot be working day 1, so the next WD (Tue 2 Apr) is day 1: same as day0.
  { rule: 'T1', from: '2024-03-30', convention: 'day1', due: '2024-04-02' },
  // Mon 1 Apr 2024 is Easter Monday, day1: not a WD, so Tue 2 Apr is day 1.
  { rule: 'T1', from: '2024-04-01', convention: 'day1', due: '2024-04-02' },
  // Wed 1 Jun 2022, day0: Thu 2 Jun BH (spring, moved), Fri 3 Jun BH (Platinum Jubilee), Sat, Sun, Mon 6 Jun is day 1.
  { rule: 'T1', from: '2022-06-01', due: '2022-06-06' },
  // Fri 16 Sep 2022, day0: Sat, Sun, Mon 19 Sep BH (Queen's funeral), Tue 20 Sep is day 1.
  { rule: 'T1', from: '2022-09-16', due: '2022-09-20' },
  // Fri 5 May 2023, day0: Sat, Sun, Mon 8 May BH (Coronation), Tue 9 May is day 1.
  { rule: 'T1', from: '2023-05-05', due: '2023-05-09' },
  // Fri 24 May 2024, day0: Sat, Sun, Mon 27 May BH (spring), Tue 28 May is day 1.
  { rule: 'T1', from: '2024-05-24', due: '2024-05-28' },
  // Mon 12 Feb 2024, day0: Tue 13 Feb is day 1.
  { rule: 'T1', from: '2024-02-12', due: '2024-02-13' },

  // --- T2 assessment, 45 WD ---
  // DfE example. Mon 30 Jan 2023 is day 1; Jan has 2 WD (30, 31), Feb 20 (22), Mar 23 (45) -> Fri 31 Mar 2023.
  { rule: 'T2', from: '2023-01-30', due: '2023-03-31' },
  // Same start, day0: Tue 31 Jan is day 1, so Fri 31 Mar is day 44 and Mon 3 Apr 2023 day 45.
  { rule: 'T2', from: '2023-01-30', convention: 'day0', due: '2023-04-03' },
  // Mon 12 Feb 2024 day 1; 12-16 (1-5), 19-23 (6-10), 26-29 (11-14), Fri 1 Mar (15), 4-8 Mar (16-20), 11-15 (21-25),
  // 18-22 (26-30), 25-28 (31-34), Fri 29 Good Friday, Mon 1 Apr Easter Monday, 2-5 Apr (35-38), 8-12 (39-43), 15, 16 (44, 45).
  { rule: 'T2', from: '2024-02-12', due: '2024-04-16' },
  // Same start, day0: every day number moves one WD later -> Wed 17 Apr 2024.
  { rule: 'T2', from: '2024-02-12', convention: 'day0', due: '2024-04-17' },
  // Wed 5 Apr 2023 day 1; 5, 6 (1, 2), Fri 7 GF, Mon 10 EM, 11-14 (3-6), 17-21 (7-11), 24-28 (12-16), Mon 1 May BH, 2-5 (17-20),
  // Mon 8 May BH (Coronation), 9-12 (21-24), 15-19 (25-29), 22-26 (30-34), Mon 29 May BH, 30 May-2 Jun (35-38), 5-9 Jun (39-43), 12, 13 (44, 45).
  { rule: 'T2', from: '2023-04-05', due: '2023-06-13' },
  // Sat 25 Dec 2021 (Christmas Day, a Saturday): Mon 27, Tue 28 BH, so Wed 29 Dec is day 1; 29-31 (1-3), Mon 3 Jan BH, 4-7 Jan (4-7),
  // 10-14 (8-12), 17-21 (13-17), 24-28 (18-22), 31 Jan-4 Feb (23-27), 7-11 (28-32), 14-18 (33-37), 21-25 (38-42), 28 Feb, 1, 2 Mar (43-45).
  { rule: 'T2', from: '2021-12-25', due: '2022-03-02' },
  // Same weekend start under day0: the start is day 0 and Wed 29 Dec day 1: the same answer.
  { rule: 'T2', from: '2021-12-25', convention: 'day0', due: '2022-03-02' },
  // Mon 20 Dec 2027 day 1; 20-24 (1-5), Mon 27, Tue 28 BH (Christmas and Boxing Day subs), 29-31 (6-8), Mon 3 Jan 2028 BH, 4-7 (9-12),
  // 10-14 (13-17), 17-21 (18-22), 24-28 (23-27), 31 Jan-4 Feb (28-32), 7-11 (33-37), 14-18 (38-42), 21, 22, 23 Feb (43-45).
  { rule: 'T2', from: '2027-12-20', due: '2028-02-23' },
  // Mon 30 Mar 2020 day 1; 30, 31 (1, 2), 1-3 Apr (3-5), 6-9 (6-9), Fri 10 GF, Mon 13 EM, 14-17 (10-13), 20-24 (14-18), 27 Apr-1 May (19-23),
  // 4-7 May (24-27; Mon 4 May was not a holiday in 2020), Fri 8 May BH (VE Day), 11-15 (28-32), 18-22 (33-37), Mon 25 BH, 26-29 (38-41), 1-4 Jun (42-45).
  { rule: 'T2', from: '2020-03-30', due: '2020-06-04' },

  // --- T3 initial child protection conference, 15 WD ---
  // Mon 23 May 2022 day 1; 23-27 (1-5), 30, 31 May, 1 Jun (6-8), Thu 2, Fri 3 Jun BH, 6-10 Jun (9-13), 13, 14 (14, 15).
  { rule: 'T3', from: '2022-05-23', due: '2022-06-14' },
  // Same, day0: Tue 24 May is day 1; 24-27 (1-4), 30 May-1 Jun (5-7), 6-10 (8-12), 13-15 (13-15).
  { rule: 'T3', from: '2022-05-23', convention: 'day0', due: '2022-06-15' },
  // Mon 5 Sep 2022 day 1; 5-9 (1-5), 12-16 (6-10), Mon 19 BH (funeral), 20-23 (11-14), Mon 26 Sep (15).
  { rule: 'T3', from: '2022-09-05', due: '2022-09-26' },
  // Sat 10 Sep 2022: Mon 12 is day 1; 12-16 (1-5), Mon 19 BH, 20-23 (6-9), 26-30 (10-14), Mon 3 Oct (15).
  { rule: 'T3', from: '2022-09-10', due: '2022-10-03' },
  // Same weekend start, day0: identical.
  { rule: 'T3', from: '2022-09-10', convention: 'day0', due: '2022-10-03' },
  // Mon 20 Dec 2021 day 1; 20-24 (1-5), Mon 27, Tue 28 BH, 29-31 (6-8), Mon 3 Jan BH, 4-7 Jan (9-12), 10, 11, 12 (13-15).
  { rule: 'T3', from: '2021-12-20', due: '2022-01-12' },
  // Same, day0: Tue 21 Dec is day 1; 21-24 (1-4), 29-31 (5-7), 4-7 Jan (8-11), 10-13 (12-15).
  { rule: 'T3', from: '2021-12-20', convention: 'day0', due: '2022-01-13' },

  // --- T5 first review and T8 initial health assessment, 20 WD ---
  // Mon 18 Mar 2024 day 1; 18-22 (1-5), 25-28 (6-9), Fri 29 GF, Mon 1 Apr EM, 2-5 Apr (10-13), 8-12 (14-18), 15, 16 (19, 20).
  { rule: 'T5', from: '2024-03-18', due: '2024-04-16' },
  // Same, day0: Tue 19 Mar is day 1; 19-22 (1-4), 25-28 (5-8), 2-5 Apr (9-12), 8-12 (13-17), 15-17 (18-20).
  { rule: 'T5', from: '2024-03-18', convention: 'day0', due: '2024-04-17' },
  // Sun 29 May 2022 (weekend): Mon 30 May is day 1; 30, 31, 1 Jun (1-3), Thu 2, Fri 3 BH, 6-10 (4-8), 13-17 (9-13), 20-24 (14-18), 27, 28 (19, 20).
  { rule: 'T8', from: '2022-05-29', due: '2022-06-28' },
  // Mon 24 Apr 2023 day 1; 24-28 (1-5), Mon 1 May BH, 2-5 (6-9), Mon 8 May BH, 9-12 (10-13), 15-19 (14-18), 22, 23 (19, 20).
  { rule: 'T8', from: '2023-04-24', due: '2023-05-23' },

  // --- T11 care plan, 10 WD ---
  // Thu 22 Dec 2022 day 1; 22, 23 (1, 2), Mon 26, Tue 27 BH, 28-30 (3-5), Mon 2 Jan 2023 BH (New Year sub), 3-6 Jan (6-9), Mon 9 Jan (10).
  { rule: 'T11', from: '2022-12-22', due: '2023-01-09' },
  // Same, day0: Fri 23 Dec is day 1; 28-30 (2-4), 3-6 Jan (5-8), 9, 10 Jan (9, 10).
  { rule: 'T11', from: '2022-12-22', convention: 'day0', due: '2023-01-10' },
  // Mon 27 Dec 2027 is a bank holiday (Christmas sub), Tue 28 too: Wed 29 is day 1; 29-31 (1-3), Mon 3 Jan 2028 BH, 4-7 (4-7), 10-12 (8-10).
  { rule: 'T11', from: '2027-12-27', due: '2028-01-12' },
  // Same bank holiday start, day0: identical.
  { rule: 'T11', from: '2027-12-27', convention: 'day0', due: '2028-01-12' },

  // --- T7 CP visit (local: default 10 WD, day0) ---
  // Mon 20 May 2024, day0: Tue 21 is day 1; 21-24 (1-4), Mon 27 May BH, 28-31 (5-8), Mon 3, Tue 4 Jun (9, 10).
  { rule: 'T7', from: '2024-05-20', due: '2024-06-04' },
  // Same, day1: Mon 20 is day 1; 20-24 (1-5), 28-31 (6-9), Mon 3 Jun (10).
  { rule: 'T7', from: '2024-05-20', convention: 'day1', due: '2024-06-03' },
  // 14 calendar days, day0: Mon 20 May + 14 = Mon 3 Jun 2024 (bank holidays count as days).
  { rule: 'T7', from: '2024-05-20', standards: { cpVisitInterval: { amount: 14, unit: 'calendar-days' } }, due: '2024-06-03' },
  // 14 calendar days, day1: Mon 20 May is day 1, day 14 is Sun 2 Jun 2024.
  { rule: 'T7', from: '2024-05-20', convention: 'day1', standards: { cpVisitInterval: { amount: 14, unit: 'calendar-days' } }, due: '2024-06-02' },

  // --- months: the same day of the month, clamped to the month's end ---
  // 30 Nov 2023 + 3 months: 30 Feb 2024 does not exist; 2024 is a leap year -> Thu 29 Feb 2024.
  { rule: 'T4', from: '2023-11-30', due: '2024-02-29' },
  // 30 Nov 2022 + 3 months -> 28 Feb 2023 (not a leap year).
  { rule: 'T4', from: '2022-11-30', due: '2023-02-28' },
  // 31 Aug 2024 + 6 months -> 28 Feb 2025 (2025 not leap).
  { rule: 'T4', from: '2024-08-31', step: 'later-reviews', due: '2025-02-28' },
  // 31 Aug 2023 + 6 months -> 29 Feb 2024 (leap).
  { rule: 'T4', from: '2023-08-31', step: 'later-reviews', due: '2024-02-29' },
  // 31 Jan 2024 + 3 months -> 31 Apr does not exist -> 30 Apr 2024.
  { rule: 'T5', from: '2024-01-31', step: 'second-review', due: '2024-04-30' },
  // 31 Mar 2024 + 6 months -> 30 Sep 2024.
  { rule: 'T5', from: '2024-03-31', step: 'later-reviews', due: '2024-09-30' },
  // 29 Feb 2024 + 6 months -> 29 Aug 2024.
  { rule: 'T9', from: '2024-02-29', step: 'under-5', due: '2024-08-29' },
  // 29 Feb 2024 + 12 months -> 29 Feb 2025 does not exist -> 28 Feb 2025.
  { rule: 'T9', from: '2024-02-29', step: '5-or-over', due: '2025-02-28' },
  // 31 Dec 2024 + 3 months (T13 default) -> 31 Mar 2025.
  { rule: 'T13', from: '2024-12-31', due: '2025-03-31' },
  // 30 Nov 2025 + 3 months -> 28 Feb 2026.
  { rule: 'T13', from: '2025-11-30', due: '2026-02-28' },

  // --- weeks: the same weekday, holidays not skipped ---
  // Fri 29 Mar 2024 (Good Friday) + 1 week -> Fri 5 Apr 2024.
  { rule: 'T6', from: '2024-03-29', due: '2024-04-05' },
  // Mon 15 Jan 2024 + 6 weeks (42 days: 16 to 31 Jan, 26 to 26 Feb) -> Mon 26 Feb 2024.
  { rule: 'T6', from: '2024-01-15', step: 'first-year', due: '2024-02-26' },
  // 31 May 2024 + 3 months (long-term placement after its first year) -> 31 Aug 2024.
  { rule: 'T6', from: '2024-05-31', step: 'long-term', due: '2024-08-31' },
  // Sat 24 Dec 2022 + 1 week, day1 asked: weeks ignore the convention -> Sat 31 Dec 2022.
  { rule: 'T6', from: '2022-12-24', convention: 'day1', due: '2022-12-31' },

  // --- T10 return home interview, 72 clock hours ---
  // Fri 29 Mar 2024 20:00 GMT + 72 h = Mon 1 Apr 20:00Z = 21:00 BST (clocks went forward Sun 31 Mar): London date 1 Apr.
  { rule: 'T10', from: '2024-03-29T20:00:00Z', due: '2024-04-01' },
  // Fri 25 Oct 2024 22:30 BST = 21:30Z; + 72 h = Mon 28 Oct 21:30Z = 21:30 GMT (clocks went back Sun 27 Oct): 28 Oct.
  { rule: 'T10', from: '2024-10-25T22:30:00+01:00', due: '2024-10-28' },
  // Thu 24 Oct 2024 23:30Z is Fri 25 Oct 00:30 BST; + 72 h = Sun 27 Oct 23:30Z = 23:30 GMT: only two London dates later.
  { rule: 'T10', from: '2024-10-24T23:30:00Z', due: '2024-10-27' },
  // Thu 28 Mar 2024 23:30Z (23:30 GMT, London 28 Mar); + 72 h = Sun 31 Mar 23:30Z = Mon 1 Apr 00:30 BST: London 1 Apr.
  { rule: 'T10', from: '2024-03-28T23:30:00Z', due: '2024-04-01' },
  // A date without a time: judged by date, as if at the end of Fri 29 Mar -> due Mon 1 Apr 2024 (29 + 3 days).
  { rule: 'T10', from: '2024-03-29', due: '2024-04-01' },

  // --- T12 pre-birth conference: from the expected date of birth (40+0) ---
  // EDD Fri 10 Jan 2025, 28 weeks = 12 weeks (84 days) before: 10 Jan -> 10 Dec (31 days) -> 18 Oct (53 more) = Fri 18 Oct 2024.
  { rule: 'T12', from: '2025-01-10', due: '2024-10-18' },
  // EDD 10 Jan 2025, 32 weeks = 8 weeks (56 days) before: 15 Nov + 15 = 30 Nov, + 31 = 31 Dec, + 10 = 10 Jan -> Fri 15 Nov 2024.
  { rule: 'T12', from: '2025-01-10', standards: { preBirthConferenceGestationWeek: 32 }, due: '2024-11-15' },
  // EDD Fri 1 Mar 2024, 34 weeks = 6 weeks (42 days) before: 1 Mar - 29 (Feb 2024) = 1 Feb, - 13 = Fri 19 Jan 2024.
  { rule: 'T12', from: '2024-03-01', standards: { preBirthConferenceGestationWeek: 34 }, due: '2024-01-19' },
];

describe('due dates worked by hand', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  const title = (c: Case) =>
    [c.rule, c.step, 'from', c.from, c.convention ?? 'default convention', c.standards && JSON.stringify(c.standards), '->', c.due].filter(Boolean).join(' ');

  it.each(CASES.map((c) => [title(c), c] as const))('%s', (_title, c) => {
    const standards = { ...DEFAULT_LOCAL_STANDARDS, ...c.standards };
    expect(explainDueDate({ rule: c.rule, from: c.from, convention: c.convention, step: c.step, standards }).dueOn).toBe(c.due);
  });

  it('gives the DfE CIN census example: an assessment referred on 30/01/2023 is due on 31/03/2023 (45 WD, day1)', () => {
    const explanation = explainDueDate({ rule: 'T2', from: '2023-01-30' });
    expect(explanation).toMatchObject({ dueOn: '2023-03-31', convention: 'day1', conventionSource: 'rule-default' });
    expect(explanation.working.filter((day) => day.counted)).toHaveLength(45);
  });
});
