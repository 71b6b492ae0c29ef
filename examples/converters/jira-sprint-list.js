// Sprints of a Jira Agile board (GET /rest/agile/1.0/board/{id}/sprint).
// Future sprints send no dates and active ones no completeDate: the keys are
// missing rather than null, so each date falls back to null explicitly.
function convert(json, metadata) {
  const page = JSON.parse(json);
  return (page.values || []).map((sprint) => ({
    id: sprint.id,
    name: sprint.name,
    state: sprint.state,
    start: sprint.startDate ?? null,
    end: sprint.endDate ?? null,
    completed: sprint.completeDate ?? null,
    goal: sprint.goal ?? null,
  }));
}
