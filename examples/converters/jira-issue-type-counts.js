// Issue counts per issue type from a Jira search response, for a column chart.
function convert(json, metadata) {
  const search = JSON.parse(json);
  const counts = {};
  for (const issue of search.issues || []) {
    const type = (issue.fields && issue.fields.issuetype && issue.fields.issuetype.name) || 'Unknown';
    counts[type] = (counts[type] || 0) + 1;
  }
  return Object.keys(counts).map((type) => ({ type, count: counts[type] }));
}
