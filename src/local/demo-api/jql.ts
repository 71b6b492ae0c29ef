// Just enough JQL for the demo queries: `project = KEY`, `project in (A, B)`
// and the usual "open issues" clauses. Anything else in the query is ignored,
// so the demo API answers like a Jira whose data happens to match.

export interface JqlFilter {
  /** Upper-case project keys; empty means every project. */
  projects: string[];
  /** Only issues whose status is not a done state. */
  openOnly: boolean;
}

const DONE_STATUSES = new Set(['done', 'closed', 'resolved']);

export function parseJql(jql: string): JqlFilter {
  const projects: string[] = [];

  const single = /\bproject\s*=\s*"?([A-Za-z][A-Za-z0-9_]*)"?/i.exec(jql);
  if (single?.[1]) projects.push(single[1].toUpperCase());

  const list = /\bproject\s+in\s*\(([^)]*)\)/i.exec(jql);
  if (list?.[1]) {
    for (const key of list[1].split(',')) {
      const trimmed = key.trim().replace(/^"|"$/g, '');
      if (trimmed) projects.push(trimmed.toUpperCase());
    }
  }

  const openOnly =
    /\bstatusCategory\s*!=\s*"?done"?/i.test(jql) ||
    /\bresolution\s*(=|is)\s*(unresolved|empty|null)\b/i.test(jql) ||
    /\bstatus\s+not\s+in\s*\(/i.test(jql);

  return { projects, openOnly };
}

export function isDone(statusName: string | undefined): boolean {
  return DONE_STATUSES.has((statusName ?? '').toLowerCase());
}
