// Confluence content search results (GET /rest/api/content?title=..&spaceKey=..
// with expand=ancestors or expand=version). Only the columns the expansion
// delivers are added, so the default table shows no empty columns. Links in
// _links are relative to _links.base; only paths starting with / are joined.
function convert(json, metadata) {
  const page = JSON.parse(json);
  const base = page._links?.base ?? '';
  return (page.results || []).map((content) => {
    const row = { title: content.title, type: content.type };
    if (Array.isArray(content.ancestors)) row.breadcrumb = content.ancestors.map((ancestor) => ancestor.title).join(' › ');
    if (content.version) {
      row.version = content.version.number;
      row.editor = content.version.by?.displayName ?? null;
      row.edited = content.version.when ?? null;
    }
    row.url = absoluteLink(base, content._links?.webui);
    return row;
  });
}

function absoluteLink(base, path) {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') ? base + path : null;
}
