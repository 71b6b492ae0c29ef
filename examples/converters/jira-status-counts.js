// Issues of a Jira search counted per status, in the order statuses first
// appear. It works with a search that asked only for fields=summary,status.
function convert(json, metadata) {
  const counts = {};
  for (const issue of JSON.parse(json).issues || []) {
    const status = issue.fields?.status?.name ?? 'Unknown';
    counts[status] = (counts[status] || 0) + 1;
  }
  return Object.keys(counts).map((status) => ({ status, issues: counts[status] }));
}
