import type { Caller, Role } from '@csc/auth';

/**
 * Each page is open to exactly the roles of the API endpoints whose figures it shows, so a page can never
 * show someone what the API would refuse them.
 */
export const PAGE_ROLES = {
  /** GET /v1/children/{childId}/tracker and /workers. */
  child: ['practitioner', 'admin'],
  /** GET /v1/trackers/overdue, held to the caller's teams. */
  team: ['practitioner', 'admin'],
  /** GET /v1/metrics/*: aggregates. */
  measures: ['analyst', 'auditor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export function mayOpen(caller: Caller, page: keyof typeof PAGE_ROLES): boolean {
  return caller.roles.some((role) => (PAGE_ROLES[page] as readonly Role[]).includes(role));
}

/** Whether a page may link a figure to the children behind it: only for roles that may open a child's tracker. */
export function mayLinkChildren(caller: Caller): boolean {
  return mayOpen(caller, 'child');
}

export interface NavigationItem {
  href: string;
  text: string;
}

/** The pages a caller may open, for the service navigation. */
export function navigationFor(caller: Caller): NavigationItem[] {
  const items: NavigationItem[] = [];
  if (mayOpen(caller, 'team')) {
    for (const team of caller.teams) items.push({ href: `/ui/teams/${encodeURIComponent(team)}`, text: `Team ${team}` });
  }
  if (mayOpen(caller, 'measures')) {
    items.push(
      { href: '/ui/waiting', text: 'Waiting' },
      { href: '/ui/timeliness', text: 'Timeliness' },
      { href: '/ui/continuity', text: 'Continuity' },
      { href: '/ui/caseloads', text: 'Caseloads' },
      { href: '/ui/board', text: 'Board pack' },
    );
  }
  return items;
}
