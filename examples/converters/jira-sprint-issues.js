// Issues of a sprint (GET /rest/agile/1.0/sprint/{id}/issue). Jira Agile adds
// epic, sprint and flagged to the fields. Time spent is taken from timespent,
// else from timetracking, else summed over the worklog, and shown in hours.
function convert(json, metadata) {
  const page = JSON.parse(json);
  return (page.issues || []).map((issue) => {
    const fields = issue.fields || {};
    return {
      key: issue.key,
      summary: fields.summary ?? null,
      type: fields.issuetype?.name ?? null,
      status: fields.status?.name ?? null,
      assignee: fields.assignee?.displayName ?? null,
      epic: fields.epic?.name ?? null,
      hours: hoursSpent(fields),
      flagged: fields.flagged === true,
    };
  });
}

function hoursSpent(fields) {
  let seconds = fields.timespent ?? fields.timetracking?.timeSpentSeconds ?? null;
  if (seconds === null && Array.isArray(fields.worklog)) {
    seconds = fields.worklog.reduce((sum, entry) => sum + (entry.timeSpentSeconds || 0), 0);
  }
  return seconds === null ? null : Math.round(seconds / 36) / 100;
}
