// Versions of a Jira project (GET /rest/api/2/project/{key}/versions), newest
// release date first. Versions without a release date (planned ones) come
// first; versions with the same date keep Jira's order.
function convert(json, metadata) {
  const rows = JSON.parse(json).map((version) => ({
    name: version.name,
    released: version.released === true,
    archived: version.archived === true,
    releaseDate: version.releaseDate ?? null,
    description: version.description ?? null,
  }));
  const sortKey = (row) => row.releaseDate ?? '9999-99-99';
  return rows.sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : sortKey(a) > sortKey(b) ? -1 : 0));
}
