// Reasons for a change of social worker, copied from the SSDA903 schema 2024
// (../shared/data/liia-tools/liiatools/spec/s903/SSDA903_schema_2024.yml, table SocialWorker, column SW_REASON;
// the file writes "PCCHAN " with a trailing space, read here as PCCHAN). That file carries no labels; these are the
// DfE wording as quoted in ../shared/data/ssd-data-model/data/objects/ssd_involvements.yml.
import { ssda903List } from './national-code-list';

export const SOCIAL_WORKER_CHANGE_REASONS = ['MANAGE', 'FCONTA', 'LEFTRL', 'ORGRST', 'TSPROC', 'ABSENC', 'CHCHAN', 'PCCHAN', 'SWDIED', 'OTHERS'] as const;
export type SocialWorkerChangeReason = (typeof SOCIAL_WORKER_CHANGE_REASONS)[number];
export const SOCIAL_WORKER_CHANGE_REASON_LABELS: Record<SocialWorkerChangeReason, string> = {
  MANAGE: 'Managing caseloads',
  FCONTA: 'First contact or re-referral',
  LEFTRL: 'Previous social worker left role',
  ORGRST: 'New social worker assigned following organisational restructure',
  TSPROC: 'New social worker assigned following child transfer due to standard process',
  ABSENC: 'Absence cover or return from absence',
  CHCHAN: 'Child requested change from previous social worker',
  PCCHAN: 'Parent/carer requested change from previous social worker',
  SWDIED: 'Previous social worker died',
  OTHERS: 'Other reason',
};

export const SOCIAL_WORKER_CHANGE_REASON_LIST = ssda903List(
  'SocialWorkerChangeReason',
  'SSDA903 reason for change of social worker code',
  'SocialWorker.SW_REASON',
  SOCIAL_WORKER_CHANGE_REASONS,
  SOCIAL_WORKER_CHANGE_REASON_LABELS,
);
