// A page of the Jira Cloud search (GET /rest/api/3/search/jql). This endpoint
// pages with nextPageToken and sends no total, and assignee or resolution may
// be null, so every nested name falls back to null.
function convert(json, metadata) {
  const page = JSON.parse(json);
  return (page.issues || []).map((issue) => {
    const fields = issue.fields || {};
    return {
      key: issue.key,
      type: fields.issuetype?.name ?? null,
      summary: fields.summary ?? '',
      status: fields.status?.name ?? null,
      priority: fields.priority?.name ?? null,
      assignee: fields.assignee?.displayName ?? null,
      reporter: fields.reporter?.displayName ?? null,
      resolution: fields.resolution?.name ?? null,
      labels: (fields.labels || []).join(', '),
      watchers: fields.watches?.watchCount ?? 0,
    };
  });
}
