// One row per issue of a Jira search; unassigned issues keep an empty assignee.
function convert(json, metadata) {
  const search = JSON.parse(json);
  return (search.issues || []).map((issue) => ({
    key: issue.key,
    summary: issue.fields?.summary ?? '',
    status: issue.fields?.status?.name ?? '',
    assignee: issue.fields?.assignee?.displayName ?? null,
    created: issue.fields?.created ?? null,
  }));
}
