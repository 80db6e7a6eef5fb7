// One child's SSD rows to the facts they prove (pure): the front door (ssd_contacts, ssd_cin_episodes), assessments,
// CIN plans and visits, section 47 enquiries, conferences and CP plans with their reviews and visits. Periods of care
// and worker allocations are in ssd-import-care.ts. Field meanings are the data model's guidance
// (../shared/data/ssd-data-model/data/objects/ssd_*.yml); the code lists are the CIN census's, which the SSD fields feed.
import {
  CATEGORIES_OF_ABUSE,
  CLOSURE_REASONS,
  PRIMARY_NEEDS,
  REFERRAL_SOURCES,
  type CategoryOfAbuse,
  type ClosureReason,
  type PrimaryNeed,
  type ReferralDecision,
  type ReferralSource,
} from '@csc/contracts';
import { importFactKey, type ImportedFact, type ImportedRow, type MappedEnvelope } from '../import-facts';
import { careFacts } from './ssd-import-care';
import type { SsdImportedTable } from './ssd-import-tables';
import {
  codeOf,
  dateOf,
  flagOf,
  idOf,
  outcomeFlags,
  refused,
  requiredText,
  RowRefused,
  textOf,
  type ChildContext,
  type Fields,
  type SsdExtract,
  type SsdRow,
} from './ssd-import-values';

export type { SsdExtract } from './ssd-import-values';

export const SSD_FORMAT = 'ssd';

type TableMapping = (row: SsdRow, child: ChildContext) => { naturalKey: string; facts: () => ImportedFact[] };

/**
 * The child's rows, each with its facts or why it is refused. The rows of every table are given together: an ICPC's
 * category is its CP plan's, a period of care's placement and legal status are other tables' rows.
 */
export function mapSsdChild(childId: string, rows: readonly SsdRow[], extract: SsdExtract): ImportedRow[] {
  const byTable = new Map<string, SsdRow[]>();
  for (const row of rows) byTable.set(row.table, [...(byTable.get(row.table) ?? []), row]);
  const child: ChildContext = {
    childId,
    extract,
    rowsOf: (table) => byTable.get(table) ?? [],
    fact: (kind, id, fields) => ({
      key: importFactKey(SSD_FORMAT, extract.authority, childId, kind, id),
      envelope: { ...fields, schemaVersion: 1, childId, source: { system: SSD_FORMAT } } as MappedEnvelope,
    }),
  };
  const care = careFacts(child);
  return rows
    .filter((row) => row.table !== 'ssd_legal_status')
    .map((row) => {
      const location = { table: row.table, file: row.file, line: row.line };
      const mapping = row.table in MAPPINGS ? MAPPINGS[row.table as keyof typeof MAPPINGS] : care.of;
      let naturalKey = `${childId} ${row.table} line ${row.line}`;
      try {
        const mapped = mapping(row, child);
        naturalKey = `${childId} ${mapped.naturalKey}`;
        return { ...location, naturalKey, facts: mapped.facts() };
      } catch (error) {
        if (!(error instanceof RowRefused)) throw error;
        return { ...location, naturalKey, facts: [], problem: error.problem };
      }
    });
}

/** CIN census `primaryneedtype`; the data model leaves the code blank where none was recorded: N0 is the census's "not stated". */
const primaryNeedOf = (row: SsdRow, column: string): PrimaryNeed => codeOf(row, column, PRIMARY_NEEDS, 'CIN census primary need') ?? 'N0';

const sourceOf = (row: SsdRow, column: string): ReferralSource => codeOf(row, column, REFERRAL_SOURCES, 'CIN census referral source', true);

/**
 * cppl_cp_plan_initial_category's code set is written in words ("Neglect", "Physical abuse", "Sexual abuse",
 * "Emotional abuse", "Multiple: [list]"); extracts built for the CIN census write its codes (NEG, PHY, SAB, EMO, MUL).
 */
export function categoryOfAbuse(row: SsdRow, column: string): CategoryOfAbuse {
  const text = requiredText(row, column);
  const words: Record<string, CategoryOfAbuse> = { neglect: 'NEG', 'physical abuse': 'PHY', 'sexual abuse': 'SAB', 'emotional abuse': 'EMO' };
  const lower = text.toLowerCase();
  if (lower in words) return words[lower];
  if (/^multiple\b/.test(lower)) return 'MUL';
  if ((CATEGORIES_OF_ABUSE as readonly string[]).includes(text.toUpperCase())) return text.toUpperCase() as CategoryOfAbuse;
  throw refused(
    'UNKNOWN_CODE',
    `${column} is ${JSON.stringify(text)}: use Neglect, Physical abuse, Sexual abuse, Emotional abuse or Multiple (or NEG, PHY, SAB, EMO, MUL).`,
    column,
  );
}

const MAPPINGS: Record<Exclude<SsdImportedTable, 'ssd_cla_episodes' | 'ssd_cla_placement' | 'ssd_involvements'>, TableMapping> = {
  ssd_contacts: (row, { fact }) => {
    const id = requiredText(row, 'cont_contact_id');
    return {
      naturalKey: `contact ${id}`,
      facts: () => [
        fact('contact', id, {
          type: 'ContactReceived',
          occurredAt: dateOf(row, 'cont_contact_date', true),
          data: { contactId: idOf('cont', id), source: sourceOf(row, 'cont_contact_source_code') },
        }),
      ],
    };
  },

  ssd_cin_episodes: (row, { fact }) => {
    const id = requiredText(row, 'cine_referral_id');
    return {
      naturalKey: `referral ${id}`,
      facts: () => {
        const on = dateOf(row, 'cine_referral_date', true);
        const referralId = idOf('ref', id);
        const facts = [
          fact('referral', id, {
            type: 'ReferralReceived',
            occurredAt: on,
            data: { referralId, source: sourceOf(row, 'cine_referral_source_code'), primaryNeed: primaryNeedOf(row, 'cine_cin_primary_need_code') },
          }),
        ];
        // The referral's outcome, not the episode's (cine_referral_outcome_json guidance). The SSD gives it no date
        // of its own: as in the CIN census (ReferralNFA), it is dated on the referral.
        const outcome = outcomeFlags(row, 'cine_referral_outcome_json');
        const decision: ReferralDecision | undefined =
          (flagOf(row, 'cine_referral_nfa') ?? outcome.has('NFA_FLAG'))
            ? 'no-further-action'
            : outcome.has('STRATEGY_DISCUSSION_FLAG')
              ? 'strategy-discussion'
              : outcome.has('SINGLE_ASSESSMENT_FLAG')
                ? 'assessment'
                : undefined;
        if (decision !== undefined) facts.push(fact('referral-decision', id, { type: 'ReferralDecisionMade', occurredAt: on, data: { referralId, decision } }));
        const closed = dateOf(row, 'cine_close_date');
        const reason = codeOf(row, 'cine_close_reason', CLOSURE_REASONS, 'CIN census reason for closure') as ClosureReason | undefined;
        if (closed !== undefined) {
          if (reason === undefined)
            throw refused(
              'MISSING_FIELD',
              'cine_close_reason is empty, but cine_close_date says the episode closed: give the reason (RC1-RC9).',
              'cine_close_reason',
            );
          if (closed < on) throw refused('DATE_OUT_OF_SEQUENCE', `cine_close_date ${closed} is before cine_referral_date ${on}.`, 'cine_close_date');
          facts.push(fact('closure', id, { type: 'CaseClosed', occurredAt: closed, data: { reason } }));
        }
        return facts;
      },
    };
  },

  ssd_cin_assessments: (row, child) => {
    const id = requiredText(row, 'cina_assessment_id');
    return {
      naturalKey: `assessment ${id}`,
      facts: () => {
        const assessmentId = idOf('asmt', id);
        const facts = [
          child.fact('assessment', id, {
            type: 'AssessmentStarted',
            occurredAt: dateOf(row, 'cina_assessment_start_date', true),
            data: { assessmentId, referralId: idOf('ref', requiredText(row, 'cina_referral_id')) },
          }),
        ];
        const authorised = dateOf(row, 'cina_assessment_auth_date');
        if (authorised !== undefined) {
          // cina_assessment_outcome_nfa (or the NFA_FLAG of the outcome dictionary): the assessment found no need for services.
          const nfa = flagOf(row, 'cina_assessment_outcome_nfa') ?? outcomeFlags(row, 'cina_assessment_outcome_json').has('NFA_FLAG');
          // Factors identified are in ssd_assessment_factors, not among these tables: none are claimed.
          const data = { assessmentId, outcome: nfa ? 'not-in-need' : 'child-in-need', factors: [] };
          facts.push(child.fact('assessment-authorised', id, { type: 'AssessmentAuthorised', occurredAt: authorised, data } as Fields));
        }
        return facts;
      },
    };
  },

  ssd_cin_plans: (row, { fact }) => {
    const id = requiredText(row, 'cinp_cin_plan_id');
    return {
      naturalKey: `cin-plan ${id}`,
      facts: () => planFacts(row, fact, 'cin-plan', id, idOf('cinp', id), 'CIN', 'cinp_cin_plan_start_date', 'cinp_cin_plan_end_date'),
    };
  },

  ssd_cin_visits: (row, { fact }) => visit(row, fact, 'cinv', 'cinv_cin_visit_id', 'cinv_cin_visit_date', 'cinv_cin_visit_seen', 'cinv_cin_visit_seen_alone'),

  ssd_s47_enquiry: (row, child) => {
    const id = requiredText(row, 's47e_s47_enquiry_id');
    return {
      naturalKey: `s47 ${id}`,
      facts: () => {
        const start = dateOf(row, 's47e_s47_start_date', true);
        const section47Id = idOf('s47', id);
        const referralId = textOf(row, 's47e_referral_id');
        // The census counts an s47 from the strategy discussion that started it (S47ActualStartDate); the SSD holds
        // no strategy discussion table among these, so the discussion is the s47's own start.
        const facts = [
          child.fact('s47', id, {
            type: 'StrategyDiscussionHeld',
            occurredAt: start,
            data: { strategyDiscussionId: idOf('sd', id), ...(referralId ? { referralId: idOf('ref', referralId) } : {}), section47Started: true, section47Id },
          }),
        ];
        const end = dateOf(row, 's47e_s47_end_date');
        if (end !== undefined) {
          if (end < start) throw refused('DATE_OUT_OF_SEQUENCE', `s47e_s47_end_date ${end} is before s47e_s47_start_date ${start}.`, 's47e_s47_end_date');
          const conferenceNamed = child.rowsOf('ssd_initial_cp_conference').some((icpc) => textOf(icpc, 'icpc_s47_enquiry_id') === id);
          const icpcRequired = outcomeFlags(row, 's47e_s47_outcome_json').has('CP_CONFERENCE_FLAG') || conferenceNamed;
          facts.push(child.fact('s47-completed', id, { type: 'Section47EnquiryCompleted', occurredAt: end, data: { section47Id, icpcRequired } }));
        }
        return facts;
      },
    };
  },

  ssd_initial_cp_conference: (row, child) => {
    const id = requiredText(row, 'icpc_icpc_id');
    return {
      naturalKey: `icpc ${id}`,
      facts: () => {
        const on = dateOf(row, 'icpc_icpc_date', true);
        const s47 = textOf(row, 'icpc_s47_enquiry_id');
        const s47Held = s47 !== undefined && child.rowsOf('ssd_s47_enquiry').some((enquiry) => textOf(enquiry, 's47e_s47_enquiry_id') === s47);
        const planRequired = flagOf(row, 'icpc_icpc_outcome_cp_flag') ?? outcomeFlags(row, 'icpc_icpc_outcome_json').has('CP_FLAG');
        const planId = textOf(row, 'icpc_cp_plan_id');
        const plan = child
          .rowsOf('ssd_cp_plans')
          .find((p) => textOf(p, 'cppl_icpc_id') === id || (planId !== undefined && textOf(p, 'cppl_cp_plan_id') === planId));
        if (planRequired && plan === undefined)
          throw refused(
            'MISSING_CP_PLAN',
            `icpc_icpc_outcome_cp_flag says the conference made a plan, but no ssd_cp_plans row of this child names conference ${id} (cppl_icpc_id): the category of abuse comes from it.`,
            'icpc_icpc_outcome_cp_flag',
          );
        return [
          child.fact('icpc', id, {
            type: 'InitialChildProtectionConferenceHeld',
            occurredAt: on,
            data: {
              conferenceId: idOf('icpc', id),
              // An enquiry outside this extract (a partial history) is not named: the domain would not know it.
              ...(s47Held ? { section47Id: idOf('s47', s47) } : {}),
              planRequired,
              ...(planRequired ? { categoryOfAbuse: categoryOfAbuse(plan!, 'cppl_cp_plan_initial_category') } : {}),
            },
          }),
        ];
      },
    };
  },

  ssd_cp_plans: (row, { fact }) => {
    const id = requiredText(row, 'cppl_cp_plan_id');
    return {
      naturalKey: `cp-plan ${id}`,
      // The latest category (cppl_cp_plan_latest_category) has no event of its own: the contract records the initial one.
      facts: () => planFacts(row, fact, 'cp-plan', id, idOf('cpp', id), 'CP', 'cppl_cp_plan_start_date', 'cppl_cp_plan_end_date'),
    };
  },

  ssd_cp_reviews: (row, { fact }) => {
    const id = requiredText(row, 'cppr_cp_review_id');
    return {
      naturalKey: `cp-review ${id}`,
      facts: () => {
        const planId = idOf('cpp', requiredText(row, 'cppr_cp_plan_id'));
        const held = dateOf(row, 'cppr_cp_review_date');
        dateOf(row, 'cppr_cp_review_due');
        // A review only due (no date held yet) proves nothing that happened.
        return held === undefined ? [] : [fact('cp-review', id, { type: 'PlanReviewed', occurredAt: held, data: { planId } })];
      },
    };
  },

  ssd_cp_visits: (row, { fact }) => visit(row, fact, 'cppv', 'cppv_cp_visit_id', 'cppv_cp_visit_date', 'cppv_cp_visit_seen', 'cppv_cp_visit_seen_alone'),

  ssd_cla_visits: (row, { fact }) => visit(row, fact, 'clav', 'clav_cla_visit_id', 'clav_cla_visit_date', 'clav_cla_visit_seen', 'clav_cla_visit_seen_alone'),
};

function planFacts(
  row: SsdRow,
  fact: ChildContext['fact'],
  kind: string,
  id: string,
  planId: string,
  planType: 'CIN' | 'CP',
  startColumn: string,
  endColumn: string,
): ImportedFact[] {
  const start = dateOf(row, startColumn, true);
  const data = planType === 'CP' ? { planId, planType, categoryOfAbuse: categoryOfAbuse(row, 'cppl_cp_plan_initial_category') } : { planId, planType };
  const facts = [fact(kind, id, { type: 'PlanStarted', occurredAt: start, data })];
  const end = dateOf(row, endColumn);
  if (end !== undefined) {
    if (end < start) throw refused('DATE_OUT_OF_SEQUENCE', `${endColumn} ${end} is before ${startColumn} ${start}.`, endColumn);
    facts.push(fact(`${kind}-end`, id, { type: 'PlanEnded', occurredAt: end, data: { planId } }));
  }
  return facts;
}

/**
 * A statutory visit. A seen flag left empty counts as not seen: only a visit where the child was seen stops a visit
 * clock, and an empty flag does not say the child was.
 */
function visit(row: SsdRow, fact: ChildContext['fact'], prefix: string, idColumn: string, dateColumn: string, seenColumn: string, aloneColumn: string) {
  const id = requiredText(row, idColumn);
  return {
    naturalKey: `visit ${id}`,
    facts: () => [
      fact(`${prefix}-visit`, id, {
        type: 'StatutoryVisitMade',
        occurredAt: dateOf(row, dateColumn, true),
        data: { visitId: idOf(prefix, id), seen: flagOf(row, seenColumn) ?? false, seenAlone: flagOf(row, aloneColumn) ?? false },
      }),
    ],
  };
}
