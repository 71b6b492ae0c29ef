// Jira Agile boards (GET /rest/agile/1.0/board) counted by board type
// (scrum, kanban), in the order the types first appear, for a pie chart.
function convert(json, metadata) {
  const counts = {};
  for (const board of JSON.parse(json).values || []) {
    const type = board.type || 'unknown';
    counts[type] = (counts[type] || 0) + 1;
  }
  return Object.keys(counts).map((type) => ({ type, boards: counts[type] }));
}
