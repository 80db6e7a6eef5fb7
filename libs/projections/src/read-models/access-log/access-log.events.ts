/**
 * The access log: every look at a child's record is itself an event, in a stream of its own per child
 * (`access-{childId}`). The category `access` is outside 'child' and 'worker', which are all the case read
 * models and the Kafka publisher read, so recording a look changes no figure and publishes nothing.
 */
export const ACCESS_STREAM_CATEGORY = 'access';
export const CHILD_RECORD_READ = 'ChildRecordRead';

/** What was looked at: the replayed history, the folded state, the tamper check, or the live tracker. */
/** What was looked at: the replayed history, the state at a date, the tamper check, the live tracker, or the recorded events. */
export const ACCESS_KINDS = ['history', 'state', 'verify', 'tracker', 'events', 'record'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export type AccessParameters = Record<string, string | number | boolean>;

/** The payload of a `ChildRecordRead` event. */
export interface ChildRecordReadData {
  childId: string;
  /** Who looked: the token's subject (or `cli:<user>` for the command-line tool). */
  subject: string;
  /** The roles they held when they looked. */
  roles: string[];
  what: AccessKind;
  /** The query parameters of the read, as given. */
  parameters: AccessParameters;
  /** When, from the service clock (ISO 8601, UTC). */
  at: string;
  /** Through which door: the HTTP API or the command-line tool. */
  via: 'http' | 'cli';
}

export const accessStreamId = (childId: string): string => `${ACCESS_STREAM_CATEGORY}-${childId}`;

/** The payload of a stored access event, or a description of what is wrong with it. */
export function childRecordReadOf(data: object): ChildRecordReadData | string {
  const candidate = data as Partial<ChildRecordReadData>;
  if (typeof candidate.childId !== 'string' || candidate.childId === '') return 'childId is missing';
  if (typeof candidate.subject !== 'string' || candidate.subject === '') return 'subject is missing';
  if (!Array.isArray(candidate.roles)) return 'roles is not a list';
  if (!(ACCESS_KINDS as readonly unknown[]).includes(candidate.what)) return `what is not one of ${ACCESS_KINDS.join(', ')}`;
  if (typeof candidate.at !== 'string' || Number.isNaN(Date.parse(candidate.at))) return 'at is not a timestamp';
  if (typeof candidate.parameters !== 'object' || candidate.parameters === null) return 'parameters is not an object';
  return candidate as ChildRecordReadData;
}
