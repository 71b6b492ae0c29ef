// Attachments of a Confluence page (GET /rest/api/content/{id}/child/attachment).
// The download link is relative to _links.base, which already includes the
// context path ("" on a root install, "/wiki" on Cloud).
function convert(json, metadata) {
  const page = JSON.parse(json);
  const base = page._links?.base ?? '';
  return (page.results || []).map((attachment) => {
    const download = attachment._links?.download;
    return {
      file: attachment.title,
      version: attachment.version?.number ?? null,
      modified: attachment.version?.when ?? null,
      download: typeof download === 'string' && download.startsWith('/') && !download.startsWith('//') ? base + download : null,
    };
  });
}
