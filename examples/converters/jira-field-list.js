// Jira's field list (GET /rest/api/2/field): the names behind customfield_*
// ids and the names JQL accepts. Some system fields (issuekey) have no schema.
function convert(json, metadata) {
  return JSON.parse(json).map((field) => ({
    id: field.id,
    name: field.name,
    custom: field.custom === true,
    type: field.schema?.type ?? null,
    jql: (field.clauseNames || []).join(', '),
  }));
}
