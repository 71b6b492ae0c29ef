// The combined status of a GitHub commit (GET /repos/{owner}/{repo}/commits/{ref}/status):
// one row per CI context. The repository object beside the statuses is not needed.
function convert(json, metadata) {
  const combined = JSON.parse(json);
  return (combined.statuses || []).map((status) => ({
    context: status.context,
    state: status.state,
    description: status.description ?? null,
    updated: status.updated_at,
    details: status.target_url ?? null,
  }));
}
