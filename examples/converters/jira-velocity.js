// The Jira Software velocity report (GET /rest/greenhopper/1.0/rapid/charts/velocity).
// The per-sprint values are an object keyed by sprint id, not an array, so they
// are joined to sprints[] and ordered by sequence. The numeric `value` is used;
// `text` repeats it as "42.0".
function convert(json, metadata) {
  const report = JSON.parse(json);
  const stats = report.velocityStatEntries || {};
  return (report.sprints || [])
    .slice()
    .sort((a, b) => a.sequence - b.sequence)
    .map((sprint) => ({
      sprint: sprint.name,
      committed: stats[sprint.id]?.estimated?.value ?? null,
      completed: stats[sprint.id]?.completed?.value ?? null,
    }));
}
