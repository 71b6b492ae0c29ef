// Work logged on the issues of a Jira search that requested the worklog
// field: one row per worklog entry. Older servers send fields.worklog as a
// bare array, newer ones as {worklogs: [...]}; both are read.
function convert(json, metadata) {
  const rows = [];
  for (const issue of JSON.parse(json).issues || []) {
    const worklog = issue.fields?.worklog;
    const entries = Array.isArray(worklog) ? worklog : worklog?.worklogs ?? [];
    for (const entry of entries) {
      rows.push({
        issue: issue.key,
        author: entry.author?.displayName ?? null,
        started: entry.started ?? null,
        timeSpent: entry.timeSpent ?? null,
        hours: Math.round((entry.timeSpentSeconds || 0) / 36) / 100,
        comment: entry.comment ?? null,
      });
    }
  }
  return rows;
}
