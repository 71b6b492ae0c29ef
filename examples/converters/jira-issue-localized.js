// One Jira issue fetched with expand=renderedFields,names,changelog
// (GET /rest/api/2/issue/{key}). `names` maps field ids to field names in the
// user's language, so the rows carry the site's own labels ("담당자" for the
// assignee on a Korean Jira). renderedFields has the dates as Jira displays
// them and the description as HTML.
const SHOWN_FIELDS = ['issuetype', 'status', 'priority', 'assignee', 'reporter', 'created', 'updated', 'duedate', 'resolution', 'components', 'fixVersions', 'labels'];

function convert(json, metadata) {
  const issue = JSON.parse(json);
  const fields = issue.fields || {};
  const rendered = issue.renderedFields || {};
  const names = issue.names || {};
  const label = (id) => names[id] || id;
  const histories = (issue.changelog && issue.changelog.histories) || [];

  return {
    key: issue.key,
    summary: fields.summary ?? '',
    // ISO timestamp for $PQ.formatDate, which formats in the Confluence viewer's locale and time zone.
    updated: fields.updated ?? null,
    fields: SHOWN_FIELDS.filter((id) => id in fields).map((id) => ({
      field: label(id),
      value: typeof rendered[id] === 'string' ? rendered[id] : text(fields[id]),
    })),
    descriptionLabel: label('description'),
    descriptionHtml: typeof rendered.description === 'string' ? rendered.description : null,
    changes: histories.flatMap((history) =>
      history.items.map((item) => ({
        when: history.created,
        author: history.author?.displayName ?? null,
        field: label(item.field),
        // A changelog item has its own "toString" key; when it is absent, item.toString is Object.prototype.toString.
        from: typeof item.fromString === 'string' ? item.fromString : null,
        to: typeof item.toString === 'string' ? item.toString : null,
      })),
    ),
  };
}

function text(value) {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(text).join(', ');
  if (typeof value === 'object') return value.displayName ?? value.name ?? value.value ?? value.key ?? null;
  return String(value);
}
