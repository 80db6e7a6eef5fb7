/**
 * Who may do what:
 * - recorder: case management systems: record events, and read back what was recorded;
 * - practitioner: trackers and child-level lists, for the teams named in their token;
 * - auditor: a child's history and state as they stood, the tamper check, and who looked at what;
 * - analyst: aggregate figures only: no child id appears in anything they receive;
 * - admin: read model rebuilds, tokens, and the service's metrics.
 */
export const ROLES = ['recorder', 'practitioner', 'auditor', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: from a verified token. */
export interface Caller {
  subject: string;
  roles: readonly Role[];
  /** Teams a practitioner may see; empty for other roles. */
  teams: readonly string[];
}
