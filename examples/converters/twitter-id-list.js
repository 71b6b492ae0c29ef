// A cursor-paged id list from the Twitter v1.1 API (followers/ids, friends/ids).
// next_cursor is above 2^53, so JSON.parse rounds it and the rounded cursor
// would fetch the wrong page. The API also sends next_cursor_str for this
// reason, and the converter uses it.
function convert(json, metadata) {
  const page = JSON.parse(json);
  return {
    ids: (page.ids || []).map((id) => ({ id: String(id) })),
    nextCursor: page.next_cursor_str ?? String(page.next_cursor),
    hasMore: (page.next_cursor_str ?? String(page.next_cursor)) !== '0',
  };
}
